using System.Security.Cryptography;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Onboard;

/// <summary>
/// Onboard keys: random material wrapped under the cluster root key (bound to key ID and type) and kept in the
/// keys table. The wrapped row is the only copy, so storing it is creating the key and deleting it destroys it.
/// </summary>
public sealed class OnboardKeyStore(IStore store, RootKeyCache rootKeys, TimeProvider clock) : IKeyStore
{
    public string Kind => KeyManager.Onboard;

    public Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, CancellationToken ct) =>
        NewKey.CreateAsync(km, request, clock, (key, material) => ImportAsync(km, key, material, ct));

    /// <summary>Wraps the material under this key manager's root key; the row no longer names any external location.</summary>
    public async Task<DataKey> ImportAsync(KeyManager km, DataKey key, byte[] material, CancellationToken ct)
    {
        var root = await rootKeys.GetAsync(km.Uuid, ct) ?? throw OntapErrors.OnboardRootKeyUnavailable.With();
        try
        {
            var wrapped = root.WrapDataKey(key.KeyId, key.KeyType, material);
            return key with { KeyManagerUuid = km.Uuid, Wrapped = wrapped, Metadata = KeyLocations.With(key.Metadata, []) };
        }
        catch (ObjectDisposedException)
        {
            // The key manager was deleted while this key was being made.
            throw OntapErrors.KeyManagerChanged.With();
        }
    }

    public Task AbandonAsync(DataKey key, CancellationToken ct) => Task.CompletedTask;

    public Task DestroyAsync(DataKey key, CancellationToken ct) => Task.CompletedTask;

    public async Task<byte[]> ReadAsync(DataKey key, CancellationToken ct)
    {
        var root = await rootKeys.GetAsync(key.KeyManagerUuid, ct) ?? throw OntapErrors.OnboardRootKeyUnavailable.With();
        return root.UnwrapDataKey(key.KeyId, key.KeyType, key.Wrapped ?? throw new CryptographicException("An onboard key has no wrapped material."));
    }

    /// <summary>A node can use every onboard key once it holds a sealed copy of the root key.</summary>
    public async Task<Func<DataKey, KeyPlacement>> PlacementAsync(KeyManager km, Guid node, CancellationToken ct)
    {
        var seals = await store.ReadAsync((c, t) => OnboardRepository.SealsAsync(c, null, km.Uuid, t), ct);
        var placement = new KeyPlacement(KeyManager.Onboard, null, seals.Any(s => s.Node == node));
        return _ => placement;
    }
}
