using System.Data.Common;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Volumes;

/// <summary>
/// Volume rules: unique names per SVM, and a volume row with its key written and deleted in one transaction.
/// A new volume is encrypted when asked, or by default when its SVM's key manager has default encryption on (ONTAP 9.7).
/// </summary>
public sealed class VolumeService(IStore store, VolumeKeys keys, TimeProvider time)
{
    public async Task<Volume> FindAsync(string uuid, CancellationToken ct) =>
        (Guid.TryParse(uuid, out var id) ? await store.ReadAsync((c, t) => VolumeRepository.FindAsync(c, null, id, t), ct) : null)
        ?? throw OntapErrors.EntryNotFound.With("uuid");

    public async Task<Volume> CreateAsync(CreateVolume command, CancellationToken ct)
    {
        var name = VolumeRules.Name(command.Name ?? throw OntapErrors.MissingField.With("name", "name"));
        var size = VolumeRules.Size(command.Size) ?? VolumeRules.DefaultSize;
        var state = VolumeRules.State(command.State) ?? VolumeRules.Online;
        var edit = command.Attributes ?? AttributeEdit.None;
        edit.Check();
        var attributes = edit.ApplyTo("{}");
        var (svm, nameTaken, effective) = await store.ReadAsync((c, t) => NewVolumeContext.ReadAsync(c, command.SvmUuid, command.SvmName, name, t), ct);
        if (nameTaken)
        {
            throw OntapErrors.VolumeNameExists.With("name", name, svm.Name);
        }
        var encrypt = command.EncryptionEnabled ?? effective is { DareDisabled: false };
        // Time-ordered (UUIDv7; opaque to clients like any UUID): a new volume's row lands at the end of the uuid index
        // instead of on a random page of it, which at 1,000,000 volumes costs a page read and a page written per insert.
        var volume = new Volume(Guid.CreateVersion7(), svm.Uuid, svm.Name, name, size, state, VolumeRules.Unencrypted, null, attributes);
        if (!encrypt)
        {
            return await store.WriteAsync((c, tx, t) => InsertAsync(c, tx, volume, t), ct);
        }
        var (keyManager, keyStore) = keys.Resolve(effective, svm.Name);
        try
        {
            return await keys.CreateNewAsync(volume, keyManager, keyStore, (v, km, room) => VolumeRepository.InsertWhileKeyHeld(v, km, time.GetUtcNow(), room), ct);
        }
        catch (Exception e) when (UniqueViolation.Is(e, "volumes", "svm_uuid", "name"))
        {
            // Another volume of this name landed since the name was read (the key was abandoned on the way out).
            throw OntapErrors.VolumeNameExists.With("name", name, svm.Name);
        }
    }

    /// <summary>Deletes the volume and its key in one transaction; the key's copies elsewhere are destroyed after it commits.</summary>
    public async Task DeleteAsync(string uuid, CancellationToken ct)
    {
        var volume = await FindAsync(uuid, ct);
        var deleted = await store.WriteAsync(async (c, tx, t) =>
        {
            var current = await VolumeRepository.FindAsync(c, tx, volume.Uuid, t) ?? throw OntapErrors.EntryNotFound.With("uuid");
            await VolumeRepository.DeleteAsync(c, tx, current.Uuid, t);
            return current.KeyId is { } keyId ? await VolumeKeys.DeleteAsync(c, tx, keyId, t) : null;
        }, ct);
        await keys.DestroyAsync(deleted);
    }

    public static async Task EnsureNameFreeAsync(DbConnection c, DbTransaction? tx, Guid svm, string svmName, string name, CancellationToken ct)
    {
        if (await VolumeRepository.FindByNameAsync(c, tx, svm, name, ct) is not null)
        {
            throw OntapErrors.VolumeNameExists.With("name", name, svmName);
        }
    }

    /// <summary>
    /// Inserts a volume if its SVM still exists, checked by the insert itself (one statement, one round trip). The name
    /// was checked before the transaction; a volume of that name that landed since is refused by the store's UNIQUE
    /// (svm_uuid, name), which keeps the rule across nodes without a read that concurrent inserts would conflict with
    /// (see <see cref="UniqueViolation"/>).
    /// </summary>
    private async Task<Volume> InsertAsync(DbConnection c, DbTransaction tx, Volume volume, CancellationToken ct)
    {
        int inserted;
        try
        {
            inserted = await VolumeRepository.InsertIntoSvmAsync(c, tx, volume, time.GetUtcNow(), ct);
        }
        catch (Exception e) when (UniqueViolation.Is(e, "volumes", "svm_uuid", "name"))
        {
            throw OntapErrors.VolumeNameExists.With("name", volume.Name, volume.SvmName);
        }
        return inserted == 1 ? volume : throw OntapErrors.SvmNotFound.With("svm.uuid", volume.SvmName);
    }
}
