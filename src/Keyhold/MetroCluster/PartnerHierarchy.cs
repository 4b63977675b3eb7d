using System.Data.Common;
using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Onboard;

namespace Keyhold.MetroCluster;

/// <summary>
/// Stores the partner's onboard hierarchy as it came (KDF parameters, wrapped root key, wrapped data keys), so both
/// sites unwrap the same keys with the same passphrase. Runs inside the caller's transaction.
/// </summary>
public static class PartnerHierarchy
{
    /// <summary>
    /// Adopts the partner's passphrase wrap, adds the partner's keys this cluster lacks (key IDs it already holds stay as
    /// they are: same ID, same root key, same key) and seals the root key to every node without a copy.
    /// KMIP objects are left out: they belong to the cluster whose KMIP server created them.
    /// </summary>
    public static async Task<int> ApplyAsync(DbConnection c, DbTransaction tx, Guid keyManager, RecoveredHierarchy partner,
        IReadOnlyList<NodeRecord> nodes, ISet<string> kmipKeyTypes, DateTimeOffset now, CancellationToken ct)
    {
        var root = partner.RootKey;
        await OnboardRepository.SaveAsync(c, tx, new OnboardState(keyManager, partner.Backup.Kdf, partner.Backup.WrappedRootKey, root.Fingerprint, now), ct);
        var sealedNodes = (await OnboardRepository.SealsAsync(c, tx, keyManager, ct)).Select(s => s.Node).ToHashSet();
        foreach (var node in nodes.Where(n => !sealedNodes.Contains(n.Uuid)))
        {
            await OnboardRepository.SaveSealAsync(c, tx, keyManager, node.Uuid, NodeKey.Seal(root, node.PublicKey, node.Uuid.ToString()), ct);
        }
        var added = 0;
        foreach (var key in partner.Keys.Where(k => !kmipKeyTypes.Contains(k.KeyType)))
        {
            if (await DataKeyRepository.FindAsync(c, tx, key.KeyId, ct) is not null)
            {
                continue;
            }
            // The partner's volumes are not this cluster's: the key is held for them (switchover), attached to none here.
            await DataKeyRepository.InsertAsync(c, tx, new DataKey(key.KeyId, keyManager, key.KeyType, null, null, key.Wrapped, key.Metadata, now), ct);
            added++;
        }
        return added;
    }
}
