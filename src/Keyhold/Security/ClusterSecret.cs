using Keyhold.Onboard;
using Keyhold.Storage;

namespace Keyhold.Security;

/// <summary>
/// A random cluster-wide key that wraps the secrets the store keeps for the service itself
/// (certificate private keys, key-server passwords), so the store only ever sees encrypted blobs.
/// Each node holds a copy sealed to its own node key, exactly like the onboard root key.
/// </summary>
public sealed class ClusterSecret : IDisposable
{
    private RootKey? key;

    public async Task InitializeAsync(IStore store, NodeKey nodeKey, Guid node, CancellationToken ct)
    {
        var nodeId = node.ToString();
        key = await store.WriteAsync(async (c, tx, t) =>
        {
            var mine = (byte[]?)await Db.ScalarAsync(c, tx, "SELECT sealed FROM cluster_secret_seals WHERE node_uuid = @n", t, ("@n", nodeId));
            if (mine is not null)
            {
                return nodeKey.Unseal(mine, nodeId);
            }
            if (await Db.ScalarAsync(c, tx, "SELECT node_uuid FROM cluster_secret_seals", t) is not null)
            {
                // Another node made the secret; only a node that holds it can seal a copy for this one.
                return null;
            }
            var created = RootKey.Generate();
            await Db.ExecuteAsync(c, tx, "INSERT INTO cluster_secret_seals (node_uuid, sealed) VALUES (@n, @s)", t, ("@n", nodeId), ("@s", nodeKey.Seal(created, nodeId)));
            return created;
        }, ct);
    }

    public byte[] Wrap(string id, string purpose, ReadOnlySpan<byte> secret) => Key.WrapDataKey(id, purpose, secret);

    public byte[] Unwrap(string id, string purpose, ReadOnlySpan<byte> wrapped) => Key.UnwrapDataKey(id, purpose, wrapped);

    private RootKey Key => key ?? throw new InvalidOperationException("This node holds no copy of the cluster secret yet.");

    public void Dispose() => key?.Dispose();
}
