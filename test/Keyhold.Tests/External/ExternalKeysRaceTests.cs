using System.Net;
using Keyhold.Keys;
using Keyhold.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.External;

/// <summary>Changes that land between registering an external key on its servers and storing its row.</summary>
public sealed class ExternalKeysRaceTests
{
    [SkippableFact]
    public async Task A_key_whose_servers_were_all_removed_before_it_was_stored_is_refused_65537404_rather_than_stored_unreadable()
    {
        var gate = new GatedKeyStore(KeyManager.External);
        using var host = new ExternalHost(services: gate.AddTo<ExternalKeyStore>);
        await VolumeSetup.SvmAsync(host.Admin);
        var km = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server);
        var servers = $"{ExternalHost.Managers}/{km}/key-servers";
        gate.AfterCreate = async _ =>
        {
            // No stored key is on the first server yet, so the guard lets it go.
            (await host.Admin.PostJsonAsync(servers, new { server = KmipPeers.A.Alias })).AssertStatus(HttpStatusCode.Created);
            (await host.Admin.DeleteJsonAsync($"{servers}/{KmipPeers.A.Server}")).AssertStatus(HttpStatusCode.OK);
        };

        var refused = await host.Admin.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs1", "encryption.enabled": true}""");

        refused.AssertError(HttpStatusCode.Conflict, "65537404", target: "encryption.enabled");
        Assert.Equal(0, host.Count("volumes"));
        Assert.Equal(0, host.Count("keys"));
        gate.AfterCreate = null;
        var (_, keyId) = await VolumeSetup.VolumeAsync(host.Admin, "vol1"); // the retry lands on the server now configured
        Assert.Equal([KmipPeers.A.Alias], VolumeSetup.Locations(host.DataDir, keyId!).Select(l => l.Server));
    }
}
