using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.Migration;

/// <summary>
/// What POST .../migrate may ask, refused before a job starts: both key managers exist (404 code 4), they differ, one is
/// the cluster's and one an SVM's, the pair is the cluster's onboard key manager and an SVM's external one, and keys moving
/// into onboard fit under its key cap (<see cref="OnboardKeyCap"/>).
/// </summary>
public sealed class MigrationRules(IStore store, KeyManagerRepository managers, KeyStores stores, RootKeyCache rootKeys, OnboardKeyCap cap)
{
    public async Task<MigrationPlan> PlanAsync(MigrateKeys command, CancellationToken ct)
    {
        var destinationUuid = command.DestinationUuid ?? throw OntapErrors.MissingField.With("uuid", "uuid");
        var source = await FindAsync(command.SourceUuid, "source.uuid", ct);
        var destination = await FindAsync(destinationUuid, "uuid", ct);
        if (source.Uuid == destination.Uuid)
        {
            throw OntapErrors.MigrationSameKeyManager.With("uuid");
        }
        if ((source.SvmUuid is null) == (destination.SvmUuid is null))
        {
            throw OntapErrors.MigrationUnrelated.With("uuid", MigrationPlan.Describe(source), MigrationPlan.Describe(destination));
        }
        var (cluster, svm) = source.SvmUuid is null ? (source, destination) : (destination, source);
        if (cluster.Kind != KeyManager.Onboard || svm.Kind != KeyManager.External)
        {
            throw OntapErrors.MigrationUnsupported.With("uuid", MigrationPlan.Describe(source), MigrationPlan.Describe(destination));
        }
        // Every key is unwrapped or wrapped under the root key on this node: refuse now rather than fail the job.
        _ = await rootKeys.GetAsync(cluster.Uuid, ct) ?? throw OntapErrors.OnboardRootKeyUnavailable.With();
        var svmUuid = svm.SvmUuid!.Value;
        // Into onboard: the whole move must fit under the key cap, or nothing starts (each key's switch checks again).
        await store.ReadAsync(async (c, t) =>
        {
            await cap.EnsureRoomForAsync(c, null, destination, await DataKeyRepository.CountForSvmAsync(c, null, source.Uuid, svmUuid, t), t);
            return 0;
        }, ct);
        return new MigrationPlan(source, destination, svmUuid, stores.For(source.Kind), stores.For(destination.Kind));
    }

    private async Task<KeyManager> FindAsync(string uuid, string target, CancellationToken ct) =>
        (Guid.TryParse(uuid, out var id) ? await managers.FindAsync(id, ct) : null) ?? throw OntapErrors.EntryNotFound.With(target);
}
