using Keyhold.Jobs;
using Keyhold.Migration;
using Keyhold.Ontap;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Migration;

/// <summary>
/// The migration rules called directly (no HTTP for the migration itself): the key managers are set up through the
/// existing helpers on a real store and real PyKMIP peers, then <see cref="MigrationService"/> is asked to move keys.
/// </summary>
public sealed class MigrationServiceTests : IDisposable
{
    private readonly ExternalHost host = new();

    private MigrationService Migration => host.Service<MigrationService>();

    [SkippableFact]
    public async Task Requests_onboard_to_external_cannot_serve_are_refused_and_no_job_starts()
    {
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");
        var vs1 = await host.CreateOnSvmAsync("vs1", KmipPeers.A);
        var vs2 = await host.CreateOnSvmAsync("vs2", KmipPeers.A, KmipPeers.A.Alias);
        var unknown = Guid.NewGuid().ToString();

        await AssertRefused(OntapErrors.MissingField, "uuid", new MigrateKeys(onboard, null));
        await AssertRefused(OntapErrors.EntryNotFound, "source.uuid", new MigrateKeys(unknown, vs1));
        await AssertRefused(OntapErrors.EntryNotFound, "source.uuid", new MigrateKeys("not-a-uuid", vs1));
        await AssertRefused(OntapErrors.EntryNotFound, "uuid", new MigrateKeys(onboard, unknown));
        await AssertRefused(OntapErrors.MigrationSameKeyManager, "uuid", new MigrateKeys(onboard, onboard));
        var unrelated = await AssertRefused(OntapErrors.MigrationUnrelated, "uuid", new MigrateKeys(vs1, vs2));
        Assert.Equal("Keys move only between the cluster's key manager and an SVM's key manager; the source is the external key manager of SVM \"vs1\" and the destination is the external key manager of SVM \"vs2\".", unrelated.Message);
        Assert.Equal(0, host.Count("jobs"));
    }

    [SkippableFact]
    public async Task A_cluster_external_key_manager_is_not_a_source_or_destination()
    {
        var cluster = await host.CreateOnAsync(KmipPeers.A);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var vs1 = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Alias);

        await AssertRefused(OntapErrors.MigrationUnsupported, "uuid", new MigrateKeys(cluster, vs1));
        await AssertRefused(OntapErrors.MigrationUnsupported, "uuid", new MigrateKeys(vs1, cluster));
        Assert.Equal(0, host.Count("jobs"));
    }

    [SkippableFact]
    public async Task The_svm_s_keys_move_onboard_to_external_unchanged_and_other_svms_keys_stay()
    {
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");
        var moving = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 2);
        var staying = (await MigrationSetup.VolumesAsync(host.Admin, "vs2", 1)).Single();
        var before = await KeyMaterial.ReadAllAsync(host.Services);
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A);

        var started = await Migration.StartAsync(new MigrateKeys(onboard, external), CancellationToken.None);

        Assert.Equal($"POST /api/security/key-managers/{onboard}/migrate", started.Description);
        Assert.Equal(Job.Running, started.State);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ended = await host.Service<JobRunner>().WaitAsync(started.Uuid, TimeSpan.FromMinutes(1), limit.Token);
        Assert.Equal((Job.Success, "Migrated 2 keys."), (ended.State, ended.Message));
        foreach (var keyId in moving)
        {
            Assert.Equal(external, MigrationSetup.KeyManagerOf(host.DataDir, keyId));
            Assert.Null(VolumeSetup.KeyRow(host.DataDir, keyId)![4]);
            var (_, uid) = Assert.Single(VolumeSetup.Locations(host.DataDir, keyId));
            Assert.Equal(before[keyId], await PeerKeys.MaterialAsync(KmipPeers.A, uid));
        }
        Assert.Equal(onboard, MigrationSetup.KeyManagerOf(host.DataDir, staying));
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);
    }

    private async Task<OntapException> AssertRefused(OntapError error, string target, MigrateKeys command)
    {
        var e = await Assert.ThrowsAsync<OntapException>(() => Migration.StartAsync(command, CancellationToken.None));
        Assert.Equal((error.Code, target), (e.Code, e.Target));
        return e;
    }

    public void Dispose() => host.Dispose();
}
