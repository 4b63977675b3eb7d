using System.Net;
using Keyhold.Onboard;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Migration;

/// <summary>
/// Migrations disturbed mid-job. A key server stopped while a migration runs (issue 4 §5): the job ends in failure with a message naming the key and the
/// server, every key stays readable from wherever its row points, and no key row is lost. The stores are the real ones;
/// a gate only pauses the job at a chosen key so the server is stopped at a known point.
/// </summary>
public sealed class MigrationInterruptedTests
{
    [SkippableFact]
    public async Task A_destination_server_stopped_after_two_keys_moved_fails_the_job_at_the_third_and_every_key_stays_readable()
    {
        var gate = new GatedKeyStore(KeyManager.External);
        var (paused, resume) = gate.PauseBeforeImport(2);
        using var sibling = new KmipSibling();
        using var host = new ExternalHost(services: gate.AddTo<ExternalKeyStore>);
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var keys = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 6);
        var before = await KeyMaterial.ReadAllAsync(host.Services);
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server, sibling.Server);

        var accepted = await MigrationSetup.PostAsync(host.Admin, onboard, external);
        accepted.AssertStatus(HttpStatusCode.Accepted);
        await paused;
        sibling.Stop();
        resume();
        var job = await VolumeSetup.JobAsync(host.Admin, accepted.Body!);

        Assert.Equal("failure", job["state"]!.GetValue<string>());
        Assert.Equal(65537433, job["code"]!.GetValue<long>());
        var message = job["message"]!.GetValue<string>();
        Assert.StartsWith($"Migrated 2 of 6 keys, then stopped: key {keys[2]} (volume \"", message, StringComparison.Ordinal);
        Assert.Contains($"could not be written to the destination key manager: Key {keys[2]} could not be stored on key server {sibling.Server};", message, StringComparison.Ordinal);
        Assert.Equal([external, external, onboard, onboard, onboard, onboard], keys.Select(k => MigrationSetup.KeyManagerOf(host.DataDir, k)));
        Assert.Empty(await PeerKeys.LocateAsync(KmipPeers.A, keys[2])); // the third key's copy on A was undone
        await MigrationSetup.AssertUnchangedAsync(host.Services, before); // the moved two read from A, the rest from onboard
        Assert.Equal(keys.Order(StringComparer.Ordinal), StoreProbe.Rows(host.DataDir, "SELECT key_id FROM volumes").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));

        // The moved keys also live on A, so the stopped server may go; then the migration finishes.
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{external}/key-servers/{sibling.Server}")).AssertStatus(HttpStatusCode.OK);
        var retried = await MigrationSetup.RunAsync(host.Admin, onboard, external);
        Assert.Equal("Migrated 4 keys.", retried["message"]!.GetValue<string>());
        Assert.All(keys, k => Assert.Equal(external, MigrationSetup.KeyManagerOf(host.DataDir, k)));
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);
    }

    [SkippableFact]
    public async Task A_source_server_stopped_mid_job_leaves_moved_keys_in_onboard_and_the_rest_readable_once_it_answers_again()
    {
        var gate = new GatedKeyStore(KeyManager.Onboard);
        var (paused, resume) = gate.PauseBeforeImport(1);
        using var sibling = new KmipSibling();
        using var host = new ExternalHost(services: gate.AddTo<OnboardKeyStore>);
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A, sibling.Server);
        var keys = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 4);
        var before = await KeyMaterial.ReadAllAsync(host.Services);

        var accepted = await MigrationSetup.PostAsync(host.Admin, external, onboard);
        accepted.AssertStatus(HttpStatusCode.Accepted);
        await paused;
        sibling.Stop(); // the second key is read already: it moves, but its source copy cannot be destroyed
        resume();
        var job = await VolumeSetup.JobAsync(host.Admin, accepted.Body!);

        Assert.Equal("failure", job["state"]!.GetValue<string>());
        Assert.Equal(65537433, job["code"]!.GetValue<long>());
        Assert.StartsWith($"Migrated 2 of 4 keys, then stopped: key {keys[2]} (volume \"", job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("could not be read from the source key manager: Failed to establish secure connection for a key management server due to network configuration issues.",
            job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith($" Source copies of moved keys could not be destroyed; destroy them on the source key servers: {keys[1]} (recorded on {sibling.Server}).",
            job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([onboard, onboard, external, external], keys.Select(k => MigrationSetup.KeyManagerOf(host.DataDir, k)));
        Assert.Equal(4, host.Count("keys"));
        foreach (var keyId in keys.Take(2))
        {
            Assert.Equal(before[keyId], await KeyMaterial.ReadAsync(host.Services, keyId));
        }

        // The rest are where their rows point: on the stopped server, readable as soon as it answers again.
        KmipPeers.StartSiblingOfA(sibling.Peer.Directory);
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);
        var retried = await MigrationSetup.RunAsync(host.Admin, external, onboard);
        Assert.Equal("Migrated 2 keys.", retried["message"]!.GetValue<string>());
        Assert.All(keys, k => Assert.Equal(onboard, MigrationSetup.KeyManagerOf(host.DataDir, k)));
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);
    }

    [SkippableFact]
    public async Task Keys_move_although_a_source_server_is_down_and_the_copies_left_on_it_are_named_65537434()
    {
        using var sibling = new KmipSibling();
        using var host = new ExternalHost();
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server, sibling.Server);
        var keys = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 2);
        var before = await KeyMaterial.ReadAllAsync(host.Services);
        var onA = keys.Select(k => VolumeSetup.Locations(host.DataDir, k)[0].KmipUid).ToList();
        sibling.Stop();

        var job = await MigrationSetup.RunAsync(host.Admin, external, onboard);

        Assert.Equal("failure", job["state"]!.GetValue<string>());
        Assert.Equal(65537434, job["code"]!.GetValue<long>());
        Assert.Equal($"Migrated 2 keys. Source copies of moved keys could not be destroyed; destroy them on the source key servers: " +
            $"{keys[0]} (recorded on {KmipPeers.A.Server}, {sibling.Server}); {keys[1]} (recorded on {KmipPeers.A.Server}, {sibling.Server}).", job["message"]!.GetValue<string>());
        Assert.All(keys, k => Assert.Equal(onboard, MigrationSetup.KeyManagerOf(host.DataDir, k)));
        foreach (var uid in onA)
        {
            Assert.Null(await PeerKeys.MaterialAsync(KmipPeers.A, uid)); // destroyed where the server answered
        }
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);
    }

    [SkippableFact]
    public async Task A_volume_deleted_while_its_key_is_being_moved_is_skipped_and_the_copy_made_for_it_undone()
    {
        var gate = new GatedKeyStore(KeyManager.External);
        using var host = new ExternalHost(services: gate.AddTo<ExternalKeyStore>);
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var keys = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 2);
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A);
        var volume = (string)StoreProbe.Rows(host.DataDir, $"SELECT uuid FROM volumes WHERE key_id = '{keys[0]}'").Single()[0]!;
        gate.BeforeImport = async n =>
        {
            if (n == 0)
            {
                (await host.Admin.DeleteJsonAsync($"/api/storage/volumes/{volume}")).AssertStatus(HttpStatusCode.OK);
            }
        };

        var job = await MigrationSetup.RunAsync(host.Admin, onboard, external);

        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Equal("Migrated 1 key.", job["message"]!.GetValue<string>());
        Assert.Null(VolumeSetup.KeyRow(host.DataDir, keys[0]));
        Assert.Empty(await PeerKeys.LocateAsync(KmipPeers.A, keys[0]));
        Assert.Equal(external, MigrationSetup.KeyManagerOf(host.DataDir, keys[1]));
    }
}
