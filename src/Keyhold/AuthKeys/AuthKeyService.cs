using System.Security.Cryptography;
using System.Text;
using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.MetroCluster;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.AuthKeys;

/// <summary>
/// The rules of /auth-keys: authentication keys of the admin SVM's (cluster) key manager, kept where it keeps keys
/// (onboard: wrapped under the root key in the store; external: on its KMIP servers). Every change is one transaction;
/// a key made on key servers but never stored is abandoned there.
/// </summary>
public sealed class AuthKeyService(IStore store, KeyManagerRepository managers, KeyStores stores, NodeIdentity node, TimeProvider clock, MetroClusterSync metroCluster,
    ExternalService external, OnboardKeyCap cap, IKmipKeyServers keyServers)
{
    private const int MaxTagLength = 32;

    /// <summary>
    /// The cluster key manager named by <paramref name="uuid"/>: 404 when none, 65538802 for an SVM's or for a
    /// configuration only staged beside it (<see cref="InactiveConfigurations"/>: not the admin SVM's key manager).
    /// </summary>
    public async Task<KeyManager> FindManagerAsync(string uuid, CancellationToken ct)
    {
        var km = (Guid.TryParse(uuid, out var id) ? await managers.FindAsync(id, ct) : null)
            ?? throw OntapErrors.EntryNotFound.With("security_key_manager.uuid");
        return km.SvmUuid is null && InactiveConfigurations.IsKeyManagerOfItsSvm(km) ? km : throw OntapErrors.AuthKeyNotAdminSvm.With("security_key_manager.uuid");
    }

    public async Task<AuthKey> CreateAsync(KeyManager km, CreateAuthKey command, CancellationToken ct)
    {
        var tag = command.KeyTag ?? node.Name;
        if (tag.Length > MaxTagLength || tag.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw OntapErrors.AuthKeyTagInvalid.With("key_tag");
        }
        if (command.Passphrase is { } passphrase && (passphrase.Length is < 20 or > 32 || passphrase.Any(c => c is < ' ' or > '~')))
        {
            throw OntapErrors.AuthKeyPassphraseLength.With("passphrase");
        }
        if (km.Kind == KeyManager.External)
        {
            await RequireKeyServersAsync(km, OntapErrors.AuthKeyNoKeyServersForSvm, ct);
            await metroCluster.CheckAuthKeyCreateAsync(ct);
        }
        var keyStore = stores.For(km.Kind);
        var room = await cap.RoomAsync(km, ct);
        DataKey key;
        try
        {
            key = await PlaceAsync(km, keyStore, tag, command.Passphrase, ct);
        }
        catch (OntapException e) when (km.Kind == KeyManager.External && KmipFailures.IsKmipFailure(e.Error))
        {
            // No key server took it: ONTAP answers auth-keys with its own code, not the key-server code of the last failure.
            throw OntapErrors.AuthKeyPushFailed.With();
        }
        try
        {
            await store.WriteAsync(async (c, tx, t) =>
            {
                var current = await KeyManagerRepository.FindAsync(c, tx, km.Uuid, t) ?? throw OntapErrors.EntryNotFound.With("security_key_manager.uuid");
                // A switch that committed meanwhile made it inactive: its keys have moved, and this one would stay behind.
                if (!InactiveConfigurations.IsKeyManagerOfItsSvm(current))
                {
                    throw OntapErrors.AuthKeyNotAdminSvm.With("security_key_manager.uuid");
                }
                // An onboard key manager holds what one key_backup can carry: ONTAP's own code for "no more auth keys".
                if (room is not null && await room.IsFullAsync(c, tx, t))
                {
                    throw OntapErrors.AuthKeyMaximum.With("security_key_manager.uuid");
                }
                await DataKeyRepository.InsertAsync(c, tx, key, t);
                return 0;
            }, ct);
        }
        catch
        {
            await keyStore.AbandonAsync(key, CancellationToken.None);
            throw;
        }
        return new AuthKey(key.KeyId, key.KeyTag, km.Uuid);
    }

    /// <summary>A new authentication key in the key manager's key store: derived from the passphrase when one is given, else random.</summary>
    private async Task<DataKey> PlaceAsync(KeyManager km, IKeyStore keyStore, string tag, string? passphrase, CancellationToken ct)
    {
        var request = new KeyRequest(AuthKeyTypes.NseAk, null, tag, "{}");
        if (passphrase is null)
        {
            return await keyStore.CreateAsync(km, request, ct);
        }
        // The same passphrase gives the same key, so a drive can be re-keyed to it elsewhere.
        var material = Derive(passphrase);
        try
        {
            var row = new DataKey(KeyId.New(), km.Uuid, request.KeyType, null, tag, null, request.Metadata, clock.GetUtcNow());
            return await keyStore.ImportAsync(km, row, material, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>
    /// An external key manager keeps its authentication keys on its key servers: with none configured (the last one was
    /// removed, which is allowed while no key depends on it) there is nowhere to read or put one: <paramref name="none"/>.
    /// </summary>
    public async Task RequireKeyServersAsync(KeyManager km, OntapError none, CancellationToken ct)
    {
        if (km.Kind == KeyManager.External && (await external.LoadAsync(km, ct)).Servers.Count == 0)
        {
            throw none.With("security_key_manager.uuid");
        }
    }

    /// <summary>
    /// Deletes an authentication key: 404 when the key manager has no such key, 65536860 when it is another kind of key.
    /// The key is destroyed on its key servers first and its row deleted only then, so a server that fails leaves the
    /// row as it was (66060296) and the DELETE can be sent again: a retry finds the copies already destroyed gone
    /// (KMIP Item Not Found counts as destroyed, <see cref="IKmipKeyServers.DestroyAsync"/>).
    /// </summary>
    public async Task DeleteAsync(KeyManager km, string keyId, CancellationToken ct)
    {
        var key = await store.ReadAsync(async (c, t) =>
        {
            var found = await DataKeyRepository.FindAsync(c, null, keyId, t);
            if (found is null || found.KeyManagerUuid != km.Uuid)
            {
                throw OntapErrors.EntryNotFound.With("key_id");
            }
            return found.KeyType == AuthKeyTypes.NseAk ? found : throw OntapErrors.AuthKeyNotAnAuthenticationKey.With("key_id");
        }, ct);
        if (km.Kind == KeyManager.External)
        {
            await DestroyOnKeyServersAsync(km, key, ct);
        }
        else
        {
            await stores.For(km.Kind).DestroyAsync(key, ct);
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            // Only the row that was destroyed: a switch may have moved the key to another configuration meanwhile.
            if (await DataKeyRepository.DeleteOfManagerAsync(c, tx, keyId, km.Uuid, t) == 0)
            {
                throw OntapErrors.EntryNotFound.With("key_id");
            }
            return 0;
        }, ct);
    }

    /// <summary>
    /// Revokes and destroys the key on every key server that records it. When some did and another failed, the copies
    /// destroyed are gone for good: the row keeps only the locations that still hold the key (when it is still as read),
    /// so key-ids shows where it remains and a retry goes there alone; the answer is ONTAP's 66060296 either way.
    /// </summary>
    private async Task DestroyOnKeyServersAsync(KeyManager km, DataKey key, CancellationToken ct)
    {
        DestroyOutcome outcome;
        try
        {
            outcome = await keyServers.DestroyEachAsync(km, key.KeyId, KeyLocations.Read(key.Metadata), ct);
        }
        catch (InvalidOperationException)
        {
            // The key manager's configuration went away under the request (KmipClients): as for any change of key manager.
            throw OntapErrors.KeyManagerChanged.With();
        }
        if (outcome.Failure is null)
        {
            return;
        }
        var locations = KeyLocations.Read(key.Metadata);
        if (outcome.Left.Count < locations.Count)
        {
            var remaining = KeyLocations.With(key.Metadata, outcome.Left);
            await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx,
                "UPDATE keys SET metadata = @d, stamp = @st WHERE key_id = @k AND key_manager_uuid = @m AND metadata = @old", t,
                ("@k", key.KeyId), ("@m", km.Uuid), ("@old", key.Metadata), ("@d", remaining), ("@st", KeyStamps.New())), ct);
        }
        // ONTAP answers the auth-key DELETE with its own code, not the key-server code of the failure.
        throw OntapErrors.AuthKeyDestroyFailed.With("key_id");
    }

    public async Task<AuthKey> GetAsync(KeyManager km, string keyId, CancellationToken ct)
    {
        var found = await store.ReadAsync((c, t) => DataKeyRepository.FindAsync(c, null, keyId, t), ct);
        return found is { KeyType: AuthKeyTypes.NseAk } && found.KeyManagerUuid == km.Uuid
            ? new AuthKey(found.KeyId, found.KeyTag, km.Uuid)
            : throw OntapErrors.EntryNotFound.With("key_id");
    }

    /// <summary>PBKDF2-HMAC-SHA256 over the passphrase with a fixed label as salt: 256 bits, pinned.</summary>
    private static byte[] Derive(string passphrase)
    {
        var material = GC.AllocateArray<byte>(KeyTypes.VekLength, pinned: true);
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(passphrase), "keyhold/nse-ak/v1"u8, material, 100_000, HashAlgorithmName.SHA256);
        return material;
    }
}
