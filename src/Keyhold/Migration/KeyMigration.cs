using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.Storage;
using Keyhold.Volumes;

namespace Keyhold.Migration;

/// <summary>
/// The migration job: moves the plan's keys one at a time (<see cref="KeyMove"/>) and stops at the first key that cannot
/// move, so the job's message names that key and why. Keys made while the job runs stay where they were made.
/// </summary>
public sealed class KeyMigration(IStore store, KeyMove move)
{
    public async Task<string> RunAsync(MigrationPlan plan, CancellationToken ct)
    {
        var keys = await store.ReadAsync((c, t) => DataKeyRepository.ListForSvmAsync(c, null, plan.Source.Uuid, plan.Svm, t), ct);
        var moved = 0;
        var left = new List<string>();
        foreach (var key in keys)
        {
            KeyMoveResult result;
            try
            {
                result = await move.RunAsync(plan, key, ct);
            }
            catch (KeyMoveException e)
            {
                throw OntapErrors.MigrationFailed.With(null, moved, keys.Count, key.KeyId, Consumer(key), e.Message, Left(left));
            }
            moved += result == KeyMoveResult.Gone ? 0 : 1;
            if (result == KeyMoveResult.SourceCopyLeft)
            {
                left.Add($"{key.KeyId} (recorded on {string.Join(", ", KeyLocations.Read(key.Metadata).Select(l => l.Server))})");
            }
        }
        if (left.Count > 0)
        {
            throw OntapErrors.MigrationSourceCopiesLeft.With(null, moved, Left(left));
        }
        return moved == 1 ? "Migrated 1 key." : $"Migrated {moved} keys.";
    }

    // Moved keys whose copies on the source key servers could not be destroyed: the row no longer names them, so say where they are.
    private static string Left(List<string> left) => left.Count == 0 ? "" :
        $" Source copies of moved keys could not be destroyed; destroy them on the source key servers: {string.Join("; ", left)}.";

    private static string Consumer(DataKey key) =>
        VolumeKeyMetadata.Read(key.Metadata) is { } v ? $"volume \"{v.VolumeName}\" of SVM \"{v.SvmName}\"" : $"key tag \"{key.KeyTag}\"";
}
