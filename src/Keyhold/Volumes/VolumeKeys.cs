using System.Data.Common;
using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.Volumes;

/// <summary>
/// A volume's VEK: made by the SVM's effective key manager, stored in the same transaction as the volume change
/// that uses it, destroyed outside the store only after the transaction that dropped it has committed.
/// </summary>
public sealed class VolumeKeys(IStore store, KeyStores stores, IEnumerable<IKeyRowCheck> rowChecks, OnboardKeyCap cap, ILogger<VolumeKeys> logger)
{
    public const string Target = "encryption.enabled";

    /// <summary>The SVM's effective key manager and its key store; 400 when there is none or its keys cannot be stored.</summary>
    public async Task<(KeyManager Km, IKeyStore Store)> ResolveAsync(Guid svm, string svmName, CancellationToken ct) =>
        Resolve(await store.ReadAsync((c, t) => EffectiveKeyManager.FindAsync(c, null, svm, t), ct), svmName);

    /// <summary>As <see cref="ResolveAsync"/>, for an effective key manager the caller has just read (<see cref="CreateAsync"/> checks it again).</summary>
    public (KeyManager Km, IKeyStore Store) Resolve(KeyManager? effective, string svmName)
    {
        var km = effective ?? throw OntapErrors.NoKeyManager.With(Target, svmName);
        return (km, stores.For(km.Kind, Target));
    }

    /// <summary>
    /// Makes a key for <paramref name="volume"/>, then, in one transaction, runs <paramref name="write"/> (which stores
    /// the volume with the key's ID and returns it as stored) and stores the key with that volume as its consumer.
    /// The transaction fails, and the key is abandoned, if the effective key manager changed in between: the key's
    /// INSERT checks that itself, so an onboard key's transaction is two statements and the commit.
    /// </summary>
    public async Task<Volume> CreateAsync(Volume volume, KeyManager km, IKeyStore keyStore,
        Func<DbConnection, DbTransaction, DataKey, CancellationToken, Task<Volume>> write, CancellationToken ct)
    {
        var request = new KeyRequest(KeyTypes.Vek, volume.SvmUuid, volume.Name, VolumeKeyMetadata.Of(volume).ToJsonText());
        var room = await cap.RoomAsync(km, ct);
        var key = await keyStore.CreateAsync(km, request, ct);
        try
        {
            return await store.WriteAsync(async (c, tx, t) =>
            {
                foreach (var check in rowChecks)
                {
                    await check.EnsureHeldAsync(c, tx, key, Target, t);
                }
                var stored = await write(c, tx, key, t);
                var row = key with { KeyTag = stored.Name, Metadata = VolumeKeyMetadata.Of(stored).MergeInto(key.Metadata) };
                if (await DataKeyRepository.InsertWhileEffectiveAsync(c, tx, row, volume.SvmUuid, t, room) != 1)
                {
                    // A rekey deletes the old key in write: it never needs more room than it frees.
                    throw room is not null && await room.IsFullAsync(c, tx, t)
                        ? OntapErrors.OnboardKeyCapReached.With(Target, room.Max)
                        : OntapErrors.KeyManagerChanged.With(Target);
                }
                return stored;
            }, ct);
        }
        catch
        {
            await keyStore.AbandonAsync(key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// As <see cref="CreateAsync"/>, for a volume that does not exist yet: <paramref name="insert"/> gives the statement
    /// that stores the encrypted volume only while its SVM exists under its name and the given key manager is still the
    /// SVM's effective one; the key's row carries the same check, so both land or neither does. When no
    /// <see cref="IKeyRowCheck"/> applies (an onboard key) the two statements are the whole write, which the store may
    /// commit together with other writes (<see cref="IStore.WriteStatementsAsync"/>: on PostgreSQL one round trip and one
    /// commit for many volume POSTs). Null, with the key abandoned, when the checks refused it: the SVM is gone or
    /// renamed, or its key manager changed, since the caller read them; the caller tells which.
    /// </summary>
    /// <remarks>
    /// Near the onboard key cap both statements also carry its room check (<see cref="OnboardKeyCap"/>), so the volume is
    /// not stored without its key: <paramref name="insert"/> is given it. A refusal because the key manager is full is
    /// thrown here (65537406), since no fresh read of the SVM would answer it differently.
    /// </remarks>
    public async Task<Volume?> CreateNewAsync(Volume volume, KeyManager km, IKeyStore keyStore, Func<Volume, Guid, KeyRoom?, Statement> insert, CancellationToken ct)
    {
        var request = new KeyRequest(KeyTypes.Vek, volume.SvmUuid, volume.Name, VolumeKeyMetadata.Of(volume).ToJsonText());
        var room = await cap.RoomAsync(km, ct);
        var key = await keyStore.CreateAsync(km, request, ct);
        var landed = false;
        try
        {
            var stored = volume with { KeyId = key.KeyId, EncryptionState = VolumeRules.Encrypted };
            var row = key with { KeyTag = stored.Name, Metadata = VolumeKeyMetadata.Of(stored).MergeInto(key.Metadata) };
            Statement[] statements = [insert(stored, key.KeyManagerUuid, room), DataKeyRepository.InsertWhileHeld(row, stored.SvmUuid, stored.SvmName, room)];
            var checks = rowChecks.Where(check => check.Applies(key)).ToList();
            var changed = checks.Count == 0
                ? await store.WriteStatementsAsync(statements, ct)
                : await store.WriteAsync(async (c, tx, t) =>
                {
                    foreach (var check in checks)
                    {
                        await check.EnsureHeldAsync(c, tx, key, Target, t);
                    }
                    return await Db.ExecuteAllAsync(c, tx, statements, t);
                }, ct);
            // Both or neither (one check, one snapshot).
            landed = changed[0] == 1 && changed[1] == 1;
            if (!landed && room is not null && await store.ReadAsync((c, t) => room.IsFullAsync(c, null, t), ct))
            {
                throw OntapErrors.OnboardKeyCapReached.With(Target, room.Max);
            }
            return landed ? stored : null;
        }
        finally
        {
            if (!landed)
            {
                await keyStore.AbandonAsync(key, CancellationToken.None);
            }
        }
    }

    /// <summary>Deletes a key's row inside the caller's transaction; pass the result to <see cref="DestroyAsync"/> after commit.</summary>
    public static async Task<(DataKey Key, string Kind)?> DeleteAsync(DbConnection c, DbTransaction tx, string keyId, CancellationToken ct)
    {
        var key = await DataKeyRepository.FindAsync(c, tx, keyId, ct);
        if (key is null)
        {
            return null;
        }
        var km = await KeyManagerRepository.FindAsync(c, tx, key.KeyManagerUuid, ct);
        await DataKeyRepository.DeleteAsync(c, tx, keyId, ct);
        return (key, km?.Kind ?? KeyManager.Onboard);
    }

    /// <summary>Destroys what is left of a deleted key outside the store. The row is gone already, so a failure is logged, not thrown.</summary>
    public async Task DestroyAsync((DataKey Key, string Kind)? deleted)
    {
        if (deleted is not { } d)
        {
            return;
        }
        try
        {
            if (stores.Find(d.Kind) is { } keyStore)
            {
                await keyStore.DestroyAsync(d.Key, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning("Key {KeyId} was deleted but its {Kind} copy was not destroyed: {Type}", d.Key.KeyId, d.Kind, e.GetType().Name);
        }
    }
}
