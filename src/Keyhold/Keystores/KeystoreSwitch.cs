using System.Security.Cryptography;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Storage;
using KeyStoreRegistry = Keyhold.Keys.KeyStores;

namespace Keyhold.Keystores;

/// <summary>
/// The job behind PATCH /api/security/key-stores/{uuid} {"enabled":true}: enables an inactive configuration and, when
/// another one is enabled in its scope, moves every key of that one to it and leaves it inactive.
/// <para>
/// The order keeps every key readable whatever fails or wherever the process dies, as a migration's does
/// (docs/migration.md): (a) each key is copied into the new configuration outside any transaction (KMIP Register on its
/// key servers, or wrapping under its onboard root key); (b) one store transaction moves every key row and swaps which
/// configuration is enabled; (c) only then are the old copies destroyed. Before (b) every row still names the old
/// configuration, which still holds its key: a crash leaves at most unreferenced copies on the new key servers. After (b)
/// every row names the new configuration, which already holds its key.
/// </para>
/// </summary>
public sealed class KeystoreSwitch(IStore store, KeyStoreRegistry stores, OnboardKeyCap cap, ILogger<KeystoreSwitch> log) : IDisposable
{
    /// <summary>Keys made while the copies were taken are copied in another round; this many rounds, then the job gives up.</summary>
    private const int Rounds = 5;

    /// <summary>One switch at a time on this node; another node's switch is caught by the checks inside the transaction.</summary>
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<string> RunAsync(Guid targetUuid, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var (target, source) = await store.ReadAsync(async (c, t) =>
            {
                var found = await FindTargetAsync(c, null, targetUuid, t);
                return (found, await KeyManagerRepository.FindByScopeAsync(c, null, found.SvmUuid, t));
            }, ct);
            if (source is null)
            {
                await store.WriteAsync(async (c, tx, t) => await CommitAsync(c, tx, target, null, new Dictionary<string, DataKey>(), t), ct);
                return "The keystore configuration is enabled.";
            }
            var moved = await SwitchAsync(target, source, ct);
            return $"The keystore configuration is enabled; {moved} {(moved == 1 ? "key" : "keys")} moved to it from the configuration now inactive ({source.Uuid}).";
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> SwitchAsync(KeyManager target, KeyManager source, CancellationToken ct)
    {
        var from = stores.For(source.Kind);
        var to = stores.For(target.Kind);
        var copies = new Dictionary<string, DataKey>(StringComparer.Ordinal);
        List<DataKey>? moved = null;
        try
        {
            for (var round = 0; moved is null; round++)
            {
                if (round == Rounds)
                {
                    throw OntapErrors.KeyManagerChanged.With();
                }
                var keys = await store.ReadAsync((c, t) => DataKeyRepository.ListAsync(c, null, source.Uuid, t), ct);
                foreach (var key in keys.Where(k => !copies.ContainsKey(k.KeyId)))
                {
                    copies[key.KeyId] = await CopyAsync(from, to, target, key, ct);
                }
                moved = await store.WriteAsync((c, tx, t) => CommitAsync(c, tx, target, source, copies, t), ct);
            }
        }
        catch
        {
            await AbandonAsync(to, copies.Values);
            throw;
        }
        // (c) The rows name the new configuration now: copies no row took are undone, the old copies destroyed.
        var movedIds = moved.Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
        await AbandonAsync(to, copies.Values.Where(c => !movedIds.Contains(c.KeyId)));
        foreach (var key in moved)
        {
            try
            {
                await from.DestroyAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Key {KeyId} moved to keystore {Target}, but its copy in {Source} was not destroyed: {Type}", key.KeyId, target.Uuid, source.Uuid, e.GetType().Name);
            }
        }
        return moved.Count;
    }

    // (a) The material lives only in this method's buffer, zeroed whatever happens.
    private static async Task<DataKey> CopyAsync(IKeyStore from, IKeyStore to, KeyManager target, DataKey key, CancellationToken ct)
    {
        var material = await from.ReadAsync(key, ct);
        try
        {
            return await to.ImportAsync(target, key, material, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>
    /// (b) In one transaction: the target is still inactive and the source still enabled; a switch to onboard still moves
    /// two NSE-AKs or none (<see cref="OnboardAuthKeys"/>) and fits under the onboard key cap; every key the source holds now
    /// has a copy (else null: another round copies the keys made meanwhile); the rows move; the configurations swap.
    /// Returns the rows as they were before the move (their old copies are destroyed after the commit).
    /// </summary>
    private async Task<List<DataKey>?> CommitAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx,
        KeyManager target, KeyManager? source, IReadOnlyDictionary<string, DataKey> copies, CancellationToken ct)
    {
        await FindTargetAsync(c, tx, target.Uuid, ct);
        if ((await KeyManagerRepository.FindByScopeAsync(c, tx, target.SvmUuid, ct))?.Uuid != source?.Uuid)
        {
            throw OntapErrors.KeyManagerChanged.With();
        }
        var scope = KeyManager.ScopeOf(target.SvmUuid);
        if (source is null)
        {
            await KeyManagerRepository.SetScopeKeyAsync(c, tx, target.Uuid, scope, ct);
            return [];
        }
        var keys = await DataKeyRepository.ListAsync(c, tx, source.Uuid, ct);
        if (OnboardAuthKeys.Applies(source, target))
        {
            // Again here, in the transaction that switches: an auth key made or deleted since the job's check would move too.
            OnboardAuthKeys.Check(keys.Count(k => k.KeyType == AuthKeyTypes.NseAk));
        }
        // Again here too: keys made on the source since the job's check could take the onboard target past its key cap.
        await cap.EnsureRoomForAsync(c, tx, target, keys.Count, ct);
        if (keys.Any(k => !copies.ContainsKey(k.KeyId)))
        {
            return null;
        }
        foreach (var key in keys)
        {
            var copy = copies[key.KeyId];
            await KeyHolders.EnsureHeldAsync(c, tx, copy, null, ct);
            var metadata = KeyLocations.With(key.Metadata, KeyLocations.Read(copy.Metadata));
            await DataKeyRepository.MoveAsync(c, tx, key.KeyId, source.Uuid, target.Uuid, copy.Wrapped, metadata, ct);
        }
        // scope_key is UNIQUE and checked row by row: the old configuration steps aside before the new one takes the scope.
        await KeyManagerRepository.SetScopeKeyAsync(c, tx, source.Uuid, "switching/" + source.Uuid, ct);
        await KeyManagerRepository.SetScopeKeyAsync(c, tx, target.Uuid, scope, ct);
        await KeyManagerRepository.SetScopeKeyAsync(c, tx, source.Uuid, KeyManager.InactiveScopeKey(source.SvmUuid, source.Kind), ct);
        return keys;
    }

    private static async Task<KeyManager> FindTargetAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, Guid uuid, CancellationToken ct)
    {
        var target = await KeyManagerRepository.FindAsync(c, tx, uuid, ct) ?? throw OntapErrors.KeystoreConfigurationMissing.With("uuid");
        return target.Enabled ? throw OntapErrors.KeystoreAlreadyEnabled.With("enabled") : target;
    }

    public void Dispose() => gate.Dispose();

    private static async Task AbandonAsync(IKeyStore to, IEnumerable<DataKey> copies)
    {
        foreach (var copy in copies)
        {
            await to.AbandonAsync(copy, CancellationToken.None);
        }
    }
}
