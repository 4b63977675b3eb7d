using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Keystores;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Migration;

/// <summary>
/// Keys that move into the onboard key manager (a migration from an SVM's external key manager, a key-store switch from
/// an external configuration) count toward its key cap (Keyhold:OnboardMaxKeys, lowered to 3): a move that would pass it
/// is refused whole before a job starts, 400 65537406 with the store as it was; once it fits, the same request moves
/// every key. Against PyKMIP.
/// </summary>
public sealed class OnboardKeyCapMoveTests : IDisposable
{
    private const int Cap = 3;

    private readonly ExternalHost host = new(settings: new Dictionary<string, string> { ["Keyhold:OnboardMaxKeys"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private string Stored() => string.Join("\n", new[] { "keys", "volumes", "key_managers", "jobs" }
        .SelectMany(table => StoreProbe.Rows(host.DataDir, StoreProbe.ContentsOf(table)).Select(r => table + ":" + string.Join("|", r))).Order());

    private long KeysOf(string km) => (long)StoreProbe.Rows(host.DataDir, $"SELECT COUNT(*) FROM keys WHERE key_manager_uuid = '{km}'").Single()[0]!;

    [SkippableFact]
    public async Task A_migration_into_onboard_that_would_pass_the_cap_is_refused_with_nothing_changed()
    {
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");
        var moving = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 2);
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A);
        Assert.Equal("success", (await MigrationSetup.RunAsync(host.Admin, onboard, external))["state"]!.GetValue<string>());
        var (staying, _) = await VolumeSetup.VolumeAsync(host.Admin, "stay1", "vs2");
        await VolumeSetup.VolumeAsync(host.Admin, "stay2", "vs2");
        var before = Stored();

        var refused = await MigrationSetup.PostAsync(host.Admin, external, onboard);

        refused.AssertError(HttpStatusCode.BadRequest, "65537406",
            $"Moving 2 keys to the Onboard Key Manager would give it 4 keys, more than the {Cap} one key_backup can hold. Delete volumes or authentication keys that are no longer used, or keep the keys on the external key manager.", "uuid");
        Assert.Equal(before, Stored());

        (await host.Admin.DeleteJsonAsync($"/api/storage/volumes/{staying}")).AssertStatus(HttpStatusCode.OK);
        var job = await MigrationSetup.RunAsync(host.Admin, external, onboard);

        Assert.Equal("Migrated 2 keys.", job["message"]!.GetValue<string>());
        Assert.All(moving, k => Assert.Equal(onboard, MigrationSetup.KeyManagerOf(host.DataDir, k)));
        Assert.Equal(Cap, KeysOf(onboard));
    }

    [SkippableFact]
    public async Task A_switch_to_onboard_that_would_pass_the_cap_is_refused_with_nothing_changed()
    {
        var kmip = await host.CreateOnAsync(KmipPeers.A);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var (extra, _) = await VolumeSetup.VolumeAsync(host.Admin, "v0");
        var keys = await MigrationSetup.VolumesAsync(host.Admin, "vs1", Cap);
        var okm = await KeystoreSetup.InactiveAsync(host.Admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });
        var before = Stored();

        var refused = await KeystoreSetup.EnableAsync(host.Admin, okm);

        refused.AssertError(HttpStatusCode.BadRequest, "65537406",
            $"Moving 4 keys to the Onboard Key Manager would give it 4 keys, more than the {Cap} one key_backup can hold. Delete volumes or authentication keys that are no longer used, or keep the keys on the external key manager.", "uuid");
        Assert.Equal(before, Stored());

        (await host.Admin.DeleteJsonAsync($"/api/storage/volumes/{extra}")).AssertStatus(HttpStatusCode.OK);
        var job = await KeystoreSetup.SwitchAsync(host.Admin, okm);

        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(host.DataDir)[okm]);
        Assert.All(keys, k => Assert.Equal(okm, MigrationSetup.KeyManagerOf(host.DataDir, k)));
        Assert.Equal(0, KeysOf(kmip));
    }

    public void Dispose() => host.Dispose();
}
