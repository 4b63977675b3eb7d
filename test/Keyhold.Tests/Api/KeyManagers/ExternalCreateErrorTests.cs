using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>Creation rules checked before any connection: counts, duplicates, missing parts, certificates, scope.</summary>
public sealed class ExternalCreateErrorTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Five_servers_is_65536038_and_nothing_is_stored()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);

        var result = await host.CreateAsync(client, ca, "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5");

        result.AssertError(HttpStatusCode.BadRequest, "65536038", "A maximum of 4 active key servers are allowed.");
        AssertNothingStored();
    }

    [SkippableFact]
    public async Task Duplicate_servers_are_65536871()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);

        (await host.CreateAsync(client, ca, KmipPeers.A.Server, KmipPeers.A.Server)).AssertError(HttpStatusCode.BadRequest, "65536871");
        (await host.CreateAsync(client, ca, "KeyServer.example:5696", "keyserver.example")).AssertError(HttpStatusCode.BadRequest, "65536871");
        AssertNothingStored();
    }

    [SkippableTheory]
    [InlineData("client_certificate")]
    [InlineData("server_ca_certificates")]
    [InlineData("servers")]
    public async Task A_missing_certificate_or_server_list_is_65536876(string missing)
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        var body = ExternalHost.Body(client, [ca], [KmipPeers.A.Server]);
        body["external"]!.AsObject().Remove(missing);

        (await host.Admin.PostJsonAsync(ExternalHost.Managers, body.ToJsonString())).AssertError(HttpStatusCode.BadRequest, "65536876");
        body["external"]![missing] = missing == "client_certificate" ? new JsonObject() : new JsonArray();
        (await host.Admin.PostJsonAsync(ExternalHost.Managers, body.ToJsonString())).AssertError(HttpStatusCode.BadRequest, "65536876");
        AssertNothingStored();
    }

    [SkippableFact]
    public async Task Uninstalled_or_wrongly_typed_or_foreign_certificates_are_65536821()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        await host.CreateSvmAsync("svm1");
        var svmCa = await host.InstallAsync("server_ca", new TestPki("SVM CA").CaPem, svm: "svm1");
        var missing = Guid.NewGuid().ToString();

        foreach (var (c, cas) in new[] { (missing, ca), (client, missing), (ca, ca), (client, client), (client, svmCa) })
        {
            (await host.CreateAsync(c, cas, KmipPeers.A.Server)).AssertError(HttpStatusCode.BadRequest, "65536821", "The certificate is not installed.");
        }
        AssertNothingStored();
    }

    [SkippableFact]
    public async Task A_second_key_manager_for_an_svm_is_65536823()
    {
        var svm = await host.CreateSvmAsync("svm1");
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A, "svm1");
        var body = ExternalHost.Body(client, [ca], [KmipPeers.A.Server], svm).ToJsonString();
        (await host.Admin.PostJsonAsync(ExternalHost.Managers, body)).AssertStatus(HttpStatusCode.Created);

        (await host.Admin.PostJsonAsync(ExternalHost.Managers, body)).AssertError(HttpStatusCode.BadRequest, "65536823");
        Assert.Equal(1, host.Count("key_managers"));
        Assert.Equal(1, host.Count("key_servers"));
    }

    [SkippableFact]
    public async Task Cluster_external_is_65536870_when_onboard_or_external_exists_and_onboard_is_refused_after_external()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        await OnboardSetup.EnableAsync(host.Admin);
        (await host.CreateAsync(client, ca, KmipPeers.A.Server)).AssertError(HttpStatusCode.BadRequest, "65536870");
        Assert.Equal(0, host.Count("key_servers"));

        var onboard = StoreProbe.Rows(host.DataDir, "SELECT uuid FROM key_managers").Single()[0];
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{onboard}")).AssertStatus(HttpStatusCode.OK);
        (await host.CreateAsync(client, ca, KmipPeers.A.Server)).AssertStatus(HttpStatusCode.Created);
        (await host.CreateAsync(client, ca, KmipPeers.A.Server)).AssertError(HttpStatusCode.BadRequest, "65536870");
        (await host.Admin.PostJsonAsync(ExternalHost.Managers, new { onboard = new { passphrase = OnboardSetup.Passphrase } }))
            .AssertError(HttpStatusCode.BadRequest, "65536870");
        Assert.Equal(1, host.Count("key_managers"));
    }

    [SkippableFact]
    public async Task A_malformed_server_is_262197()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);

        (await host.CreateAsync(client, ca, "10.0.0.1:99999")).AssertError(HttpStatusCode.BadRequest, "262197");
        (await host.CreateAsync(client, ca, "bad host:5696")).AssertError(HttpStatusCode.BadRequest, "262197");
        AssertNothingStored();
    }

    private void AssertNothingStored()
    {
        Assert.Equal(0, host.Count("key_managers"));
        Assert.Equal(0, host.Count("key_servers"));
    }

    public void Dispose() => host.Dispose();
}
