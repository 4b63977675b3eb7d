using System.Collections.Concurrent;
using Keyhold.Cluster;
using Keyhold.Storage;

namespace Keyhold.Onboard;

/// <summary>
/// This node's view of each onboard root key, unsealed with the node's own key on first use so a
/// restart needs no passphrase. The passphrase change re-wraps the root key but never changes it.
/// </summary>
public sealed class RootKeyCache(IStore store, NodeKey nodeKey, NodeIdentity node) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, RootKey> keys = new();

    /// <summary>The root key, or null when this node holds no sealed copy (it must be synchronised).</summary>
    public async Task<RootKey?> GetAsync(Guid keyManager, CancellationToken ct)
    {
        if (keys.TryGetValue(keyManager, out var cached))
        {
            return cached;
        }
        var seals = await store.ReadAsync((c, t) => OnboardRepository.SealsAsync(c, null, keyManager, t), ct);
        var mine = seals.FirstOrDefault(s => s.Node == node.Uuid);
        if (mine.Sealed is null)
        {
            return null;
        }
        var root = nodeKey.Unseal(mine.Sealed, node.Uuid.ToString());
        if (!keys.TryAdd(keyManager, root))
        {
            root.Dispose();
        }
        return keys[keyManager];
    }

    /// <summary>Keeps a root key this node has just created or recovered, so it need not unseal it again.</summary>
    public void Remember(Guid keyManager, RootKey root)
    {
        if (keys.TryRemove(keyManager, out var old) && !ReferenceEquals(old, root))
        {
            old.Dispose();
        }
        keys[keyManager] = root;
    }

    public void Forget(Guid keyManager)
    {
        if (keys.TryRemove(keyManager, out var old))
        {
            old.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var key in keys.Values)
        {
            key.Dispose();
        }
        keys.Clear();
    }
}
