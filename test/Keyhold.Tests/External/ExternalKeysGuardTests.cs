using System.Net;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.External;

/// <summary>Issue 4's guards around external keys, each provoked with real encrypted volumes on real PyKMIP servers.</summary>
public sealed class ExternalKeysGuardTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task A_key_server_goes_only_when_every_key_in_use_also_lives_on_another_configured_server_65536700()
    {
        await VolumeSetup.SvmAsync(host.Admin);
        var km = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server);
        var servers = $"{ExternalHost.Managers}/{km}/key-servers";
        var (_, onServerOnly) = await VolumeSetup.VolumeAsync(host.Admin, "vol1");
        (await host.Admin.PostJsonAsync(servers, new { server = KmipPeers.A.Alias })).AssertStatus(HttpStatusCode.Created);
        var (_, onBoth) = await VolumeSetup.VolumeAsync(host.Admin, "vol2");
        Assert.Equal([KmipPeers.A.Server], VolumeSetup.Locations(host.DataDir, onServerOnly!).Select(l => l.Server));
        Assert.Equal([KmipPeers.A.Server, KmipPeers.A.Alias], VolumeSetup.Locations(host.DataDir, onBoth!).Select(l => l.Server));

        // vol1's key lives only on the first server: it stays, although another server is configured.
        (await host.Admin.DeleteJsonAsync($"{servers}/{KmipPeers.A.Server}")).AssertError(HttpStatusCode.BadRequest, "65536700",
            "The key server contains keys that are currently in use and not available from any other configured key server in the SVM.");
        Assert.Equal(2, host.Count("key_servers"));

        // Every key on the alias also lives on the first server: the alias may go.
        (await host.Admin.DeleteJsonAsync($"{servers}/{KmipPeers.A.Alias}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, host.Count("key_servers"));
        Assert.NotEmpty(await KeyMaterial.ReadAsync(host.Services, onBoth!));
        Assert.NotEmpty(await KeyMaterial.ReadAsync(host.Services, onServerOnly!));
    }

    [SkippableFact]
    public async Task An_svm_whose_keys_sit_on_the_clusters_key_servers_cannot_get_its_own_65536878_and_nothing_is_stored()
    {
        await host.CreateOnAsync(KmipPeers.A);
        var svm = await VolumeSetup.SvmAsync(host.Admin);
        var (volume, _) = await VolumeSetup.VolumeAsync(host.Admin, "vol1");
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A, "vs1");
        var body = ExternalHost.Body(client, [ca], [KmipPeers.A.Alias], svm).ToJsonString();

        (await host.Admin.PostJsonAsync(ExternalHost.Managers, body)).AssertError(HttpStatusCode.BadRequest, "65536878",
            "External key management cannot be configured as one or more volume encryption keys of the SVM are stored in cluster key management server.", "svm");

        Assert.Equal(1, host.Count("key_managers"));
        Assert.Equal(1, host.Count("key_servers"));
        (await host.Admin.DeleteJsonAsync($"/api/storage/volumes/{volume}")).AssertStatus(HttpStatusCode.OK);
        (await host.Admin.PostJsonAsync(ExternalHost.Managers, body)).AssertStatus(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task Keys_in_the_clusters_onboard_key_manager_do_not_stop_an_svm_getting_external_key_management()
    {
        await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin);
        await VolumeSetup.VolumeAsync(host.Admin, "vol1");

        await host.CreateOnSvmAsync("vs1", KmipPeers.A); // the first step of migrating those keys there

        Assert.Equal(2, host.Count("key_managers"));
    }

    [SkippableFact]
    public async Task The_clusters_external_key_manager_stays_while_encrypted_volumes_use_it_65536239()
    {
        var km = await host.CreateOnAsync(KmipPeers.A);
        await VolumeSetup.SvmAsync(host.Admin);
        var (volume, _) = await VolumeSetup.VolumeAsync(host.Admin, "vol1");

        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{km}")).AssertError(HttpStatusCode.BadRequest, "65536239");

        Assert.Equal(1, host.Count("key_servers"));
        (await host.Admin.DeleteJsonAsync($"/api/storage/volumes/{volume}")).AssertStatus(HttpStatusCode.OK);
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{km}")).AssertStatus(HttpStatusCode.OK);
    }

    public void Dispose() => host.Dispose();
}
