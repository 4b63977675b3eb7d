using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>PATCH of an external key manager's certificates, and DELETE.</summary>
public sealed class ExternalPatchTests : IDisposable
{
    private readonly ExternalHost host = new(kmipTimeout: 3);

    [SkippableFact]
    public async Task A_new_client_certificate_with_the_same_key_pair_is_accepted_and_another_key_pair_is_65536850()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        var url = $"{ExternalHost.Managers}/{uuid}";
        using var other = new TestPki("Other CA");
        var (otherCert, otherKey) = other.Leaf("kmip-test-client");
        var differentKeys = await host.InstallAsync("client", otherCert, otherKey);

        (await host.Admin.PatchJsonAsync(url, Client(differentKeys))).AssertError(HttpStatusCode.BadRequest, "65536850");

        var renewed = await host.InstallAsync("client", Reissue(KmipPeers.A), KmipPeers.A.ClientKeyPem);
        (await host.Admin.PatchJsonAsync(url, Client(renewed))).AssertStatus(HttpStatusCode.OK);
        var got = await host.Admin.GetJsonAsync(url + "?fields=external.client_certificate");
        Assert.Equal(renewed, got.Body!["external"]!["client_certificate"]!["uuid"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task New_server_cas_are_verified_against_every_server_66060338_when_one_no_longer_verifies()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        using var other = new TestPki("Unrelated CA");
        var wrongCa = await host.InstallAsync("server_ca", other.CaPem);
        var before = StoreProbe.Rows(host.DataDir, "SELECT server_ca_uuids FROM key_managers").Single()[0];

        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{uuid}", Cas(wrongCa))).AssertError(HttpStatusCode.BadRequest, "66060338");
        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{uuid}", Cas(Guid.NewGuid().ToString()))).AssertError(HttpStatusCode.BadRequest, "65536821");
        Assert.Equal(before, StoreProbe.Rows(host.DataDir, "SELECT server_ca_uuids FROM key_managers").Single()[0]);
    }

    [SkippableFact]
    public async Task Servers_cannot_be_patched_and_onboard_and_external_fields_do_not_cross()
    {
        var external = await host.CreateOnAsync(KmipPeers.A);
        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{external}", new { external = new { servers = new[] { new { server = "10.0.0.1" } } } }))
            .AssertError(HttpStatusCode.BadRequest, "262196");
        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{external}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65537301");

        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{external}")).AssertStatus(HttpStatusCode.OK);
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{onboard}", Cas(Guid.NewGuid().ToString()))).AssertError(HttpStatusCode.BadRequest, "65536828");
    }

    [SkippableFact]
    public async Task Delete_removes_the_key_manager_and_its_servers_and_frees_its_certificates()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A, KmipPeers.A.Server, KmipPeers.A.Alias);
        var client = (string)StoreProbe.Rows(host.DataDir, "SELECT client_cert_uuid FROM key_managers").Single()[0]!;
        (await host.Admin.DeleteJsonAsync($"/api/security/certificates/{client}")).AssertError(HttpStatusCode.BadRequest, "3735650");

        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{uuid}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(0, host.Count("key_managers"));
        Assert.Equal(0, host.Count("key_servers"));
        (await host.Admin.DeleteJsonAsync($"/api/security/certificates/{client}")).AssertStatus(HttpStatusCode.OK);
    }

    private static string Client(string uuid) => new JsonObject { ["external"] = new JsonObject { ["client_certificate"] = new JsonObject { ["uuid"] = uuid } } }.ToJsonString();

    private static string Cas(string uuid) =>
        new JsonObject { ["external"] = new JsonObject { ["server_ca_certificates"] = new JsonArray(new JsonObject { ["uuid"] = uuid }) } }.ToJsonString();

    /// <summary>A new certificate for the peer's client key, signed by the peer's CA (a renewal: same key pair).</summary>
    private static string Reissue(KmipPeer peer)
    {
        using var caKey = RSA.Create();
        caKey.ImportFromPem(File.ReadAllText(Path.Combine(peer.Directory, "certs", "ca.key")));
        using var ca = X509Certificate2.CreateFromPem(peer.CaPem).CopyWithPrivateKey(caKey);
        using var clientKey = RSA.Create();
        clientKey.ImportFromPem(peer.ClientKeyPem);
        var request = new CertificateRequest("O=KMIP Test, CN=kmip-test-client", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7F;
        using var cert = request.Create(ca, ca.NotBefore.ToUniversalTime() > DateTime.UtcNow.AddDays(-1) ? ca.NotBefore : DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), serial);
        return cert.ExportCertificatePem();
    }

    public void Dispose() => host.Dispose();
}
