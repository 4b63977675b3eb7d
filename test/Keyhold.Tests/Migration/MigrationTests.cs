using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Migration;

/// <summary>POST .../migrate moves an SVM's keys between the cluster's onboard key manager and the SVM's external one, unchanged.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Keys_move_onboard_to_external_and_back_byte_for_byte_and_leave_no_source_copy()
    {
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");
        var moving = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 3);
        var staying = (await MigrationSetup.VolumesAsync(host.Admin, "vs2", 1)).Single();
        var volumesBefore = StoreProbe.Rows(host.DataDir, "SELECT uuid, key_id FROM volumes ORDER BY uuid");
        var before = await KeyMaterial.ReadAllAsync(host.Services);
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server, KmipPeers.A.Alias);

        var there = await MigrationSetup.RunAsync(host.Admin, onboard, external);

        Assert.Equal("success", there["state"]!.GetValue<string>());
        Assert.Equal("Migrated 3 keys.", there["message"]!.GetValue<string>());
        Assert.Equal($"POST /api/security/key-managers/{onboard}/migrate", there["description"]!.GetValue<string>());
        var locations = moving.ToDictionary(k => k, k => VolumeSetup.Locations(host.DataDir, k));
        foreach (var keyId in moving)
        {
            Assert.Equal(external, MigrationSetup.KeyManagerOf(host.DataDir, keyId));
            Assert.Null(VolumeSetup.KeyRow(host.DataDir, keyId)![4]); // the onboard wrapped copy is gone with the switch
            Assert.Equal([KmipPeers.A.Server, KmipPeers.A.Alias], locations[keyId].Select(l => l.Server));
            foreach (var (_, uid) in locations[keyId])
            {
                Assert.Equal(before[keyId], await PeerKeys.MaterialAsync(KmipPeers.A, uid));
            }
        }
        Assert.Equal(onboard, MigrationSetup.KeyManagerOf(host.DataDir, staying));
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);

        var back = await MigrationSetup.RunAsync(host.Admin, external, onboard);

        Assert.Equal("success", back["state"]!.GetValue<string>());
        Assert.Equal("Migrated 3 keys.", back["message"]!.GetValue<string>());
        foreach (var keyId in moving)
        {
            Assert.Equal(onboard, MigrationSetup.KeyManagerOf(host.DataDir, keyId));
            Assert.NotNull(VolumeSetup.KeyRow(host.DataDir, keyId)![4]);
            Assert.Empty(VolumeSetup.Locations(host.DataDir, keyId));
            foreach (var (_, uid) in locations[keyId])
            {
                Assert.Null(await PeerKeys.MaterialAsync(KmipPeers.A, uid)); // destroyed on the servers after the switch
            }
        }
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);
        Assert.Equal(volumesBefore, StoreProbe.Rows(host.DataDir, "SELECT uuid, key_id FROM volumes ORDER BY uuid"));
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{external}")).AssertStatus(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task With_return_timeout_the_request_waits_for_the_job_and_answers_200()
    {
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var keyId = (await MigrationSetup.VolumesAsync(host.Admin, "vs1", 1)).Single();
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A);

        var done = await MigrationSetup.PostAsync(host.Admin, onboard, external, "?return_timeout=60");

        done.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(external, MigrationSetup.KeyManagerOf(host.DataDir, keyId));
        var job = (await host.Admin.GetJsonAsync("/api/cluster/jobs?fields=*")).Body!["records"]!.AsArray().Single()!;
        Assert.Equal("Migrated 1 key.", job["message"]!.GetValue<string>());
    }

    public void Dispose() => host.Dispose();
}
