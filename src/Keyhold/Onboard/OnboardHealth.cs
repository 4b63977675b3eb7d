using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.Onboard;

/// <summary>
/// What the health monitor checks of the onboard key manager (keystore type <c>okm</c>): whether this node holds its
/// sealed copy of the root key, without which it cannot unwrap a key.
/// </summary>
public sealed class OnboardHealth(IStore store, NodeIdentity node)
{
    /// <summary>True or false for this node; null when the cluster has no onboard key manager.</summary>
    public Task<bool?> NodeHoldsRootKeyAsync(CancellationToken ct) => store.ReadAsync<bool?>(async (c, t) =>
    {
        if (await KeyManagerRepository.FindByScopeAsync(c, null, null, t) is not { Kind: KeyManager.Onboard } km)
        {
            return null;
        }
        return (await OnboardRepository.SealsAsync(c, null, km.Uuid, t)).Any(s => s.Node == node.Uuid);
    }, ct);
}
