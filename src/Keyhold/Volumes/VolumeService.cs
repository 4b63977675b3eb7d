using System.Data.Common;
using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Volumes;

/// <summary>
/// Volume rules: unique names per SVM, and a volume row with its key written and deleted in one transaction.
/// A new volume is encrypted when asked, or by default when its SVM's key manager has default encryption on (ONTAP 9.7).
/// </summary>
public sealed class VolumeService(IStore store, VolumeKeys keys, NewVolumeContextCache contexts, TimeProvider time)
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
        // Asked for encryption explicitly (so default encryption, which the entry does not keep current, plays no part):
        // the SVM and key manager this node kept from an earlier POST, checked by the write itself.
        if (command.EncryptionEnabled == true && contexts.Find(command.SvmUuid, command.SvmName) is var (knownSvm, knownKeyManager))
        {
            if (await TryCreateFromKeptAsync(New(knownSvm, name, size, state, attributes), knownKeyManager, ct) is { } created)
            {
                contexts.Confirmed();
                return created;
            }
            contexts.Forget(command.SvmUuid, command.SvmName);
        }
        var (svm, nameTaken, effective) = await store.ReadAsync((c, t) => NewVolumeContext.ReadAsync(c, command.SvmUuid, command.SvmName, name, t), ct);
        contexts.Remember(command.SvmUuid, command.SvmName, svm, effective);
        if (nameTaken)
        {
            throw OntapErrors.VolumeNameExists.With("name", name, svm.Name);
        }
        var encrypt = command.EncryptionEnabled ?? effective is { DareDisabled: false };
        var volume = New(svm, name, size, state, attributes);
        if (!encrypt)
        {
            return await store.WriteAsync((c, tx, t) => InsertAsync(c, tx, volume, t), ct);
        }
        var (keyManager, keyStore) = keys.Resolve(effective, svm.Name);
        return await CreateEncryptedAsync(volume, keyManager, keyStore, ct) ?? throw await RefusedAsync(volume, ct);
    }

    // Time-ordered (UUIDv7; opaque to clients like any UUID): a new volume's row lands at the end of the uuid index
    // instead of on a random page of it, which at 1,000,000 volumes costs a page read and a page written per insert.
    private static Volume New(Svm svm, string name, long size, string state, string attributes) =>
        new(Guid.CreateVersion7(), svm.Uuid, svm.Name, name, size, state, VolumeRules.Unencrypted, null, attributes);

    /// <summary>
    /// The volume made with a kept SVM and key manager; null when the store refused it because either changed (or any
    /// other ONTAP error that a fresh read may answer differently). A taken name is the one answer that stands: the
    /// UNIQUE constraint fires only on a row the checks let through, i.e. in the SVM as it is now.
    /// </summary>
    private async Task<Volume?> TryCreateFromKeptAsync(Volume volume, KeyManager keyManager, CancellationToken ct)
    {
        try
        {
            var (_, keyStore) = keys.Resolve(keyManager, volume.SvmName);
            return await CreateEncryptedAsync(volume, keyManager, keyStore, ct);
        }
        catch (OntapException e) when (e.Error != OntapErrors.VolumeNameExists)
        {
            return null;
        }
    }

    private async Task<Volume?> CreateEncryptedAsync(Volume volume, KeyManager keyManager, IKeyStore keyStore, CancellationToken ct)
    {
        try
        {
            return await keys.CreateNewAsync(volume, keyManager, keyStore, (v, km, room) => VolumeRepository.InsertWhileKeyHeld(v, km, time.GetUtcNow(), room), ct);
        }
        catch (Exception e) when (UniqueViolation.Is(e, "volumes", "svm_uuid", "name"))
        {
            // Another volume of this name landed since the name was read (the key was abandoned on the way out).
            throw OntapErrors.VolumeNameExists.With("name", volume.Name, volume.SvmName);
        }
    }

    /// <summary>Why the checks of a volume's write refused it: its SVM is gone (or renamed), else its key manager changed.</summary>
    private async Task<OntapException> RefusedAsync(Volume volume, CancellationToken ct)
    {
        var svmExists = await store.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT 1 FROM svms WHERE uuid = @s AND name = @n", t,
            ("@s", volume.SvmUuid), ("@n", volume.SvmName)), ct) is not null;
        return svmExists ? OntapErrors.KeyManagerChanged.With(VolumeKeys.Target) : OntapErrors.SvmNotFound.With("svm.uuid", volume.SvmName);
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
