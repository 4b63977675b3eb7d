using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Keystores;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KeyManagers;

/// <summary>
/// A staged (create_inactive) external configuration is not its SVM's key manager, and the commands ONTAP maps the
/// instance PATCH and the key-server POST, PATCH and DELETE to (external modify, add-servers, modify-server,
/// remove-servers) act on the enabled one: each is 65536828 and leaves the store as it was. Reading its servers stays
/// allowed. Against PyKMIP (staging probes the key server).
/// </summary>
public sealed class InactiveKeyServerChangeTests : IDisposable
{
    private const string NotEnabled = "External key management is not enabled for the SVM.";

    private readonly ExternalHost host = new();

    private string Stored() => string.Join("\n", new[] { "key_managers", "key_servers", "certificates" }
        .SelectMany(table => StoreProbe.Rows(host.DataDir, StoreProbe.ContentsOf(table)).Select(r => table + ":" + string.Join("|", r))).Order());

    [SkippableFact]
    public async Task Changes_to_an_inactive_external_configuration_and_its_key_servers_are_65536828()
    {
        await OnboardSetup.EnableAsync(host.Admin);
        var staged = await KeystoreSetup.InactiveExternalAsync(host, KmipPeers.A);
        var servers = $"{ExternalHost.Managers}/{staged}/key-servers";
        var ca = (await host.Admin.GetJsonAsync("/api/security/certificates?type=server_ca")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var before = Stored();

        (await host.Admin.PostJsonAsync(servers, new { server = "10.0.0.1:5696" })).AssertError(HttpStatusCode.BadRequest, "65536828", NotEnabled, "uuid");
        (await host.Admin.PatchJsonAsync($"{servers}/{KmipPeers.A.Server}", new { timeout = 30 })).AssertError(HttpStatusCode.BadRequest, "65536828", NotEnabled, "uuid");
        (await host.Admin.DeleteJsonAsync($"{servers}/{KmipPeers.A.Server}")).AssertError(HttpStatusCode.BadRequest, "65536828", NotEnabled, "uuid");
        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{staged}", new { external = new { server_ca_certificates = new[] { new { uuid = ca } } } }))
            .AssertError(HttpStatusCode.BadRequest, "65536828", NotEnabled, "uuid");

        Assert.Equal(before, Stored());
        var listed = await host.Admin.GetJsonAsync(servers);
        listed.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, listed.Body!["num_records"]!.GetValue<int>());

        // Enabled, it is the cluster's key manager and its servers change as any.
        Assert.Equal("success", (await KeystoreSetup.SwitchAsync(host.Admin, staged))["state"]!.GetValue<string>());
        (await host.Admin.PatchJsonAsync($"{servers}/{KmipPeers.A.Server}", new { timeout = 30 })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(30L, StoreProbe.Rows(host.DataDir, "SELECT timeout FROM key_servers").Single()[0]);
    }

    public void Dispose() => host.Dispose();
}
