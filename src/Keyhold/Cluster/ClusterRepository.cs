using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.Cluster;

/// <summary>Cluster identity and node registry.</summary>
public sealed class ClusterRepository(IStore store, TimeProvider? time = null)
{
    // Bootstrap makes one before the container exists, so the system clock is the default.
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public Task<ClusterInfo> EnsureAsync(NodeIdentity node, byte[] nodePublicKey, CancellationToken ct = default) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            var cluster = await Db.SingleOrDefaultAsync(c, tx, "SELECT uuid, name, created FROM cluster", r => new ClusterInfo(Guid.Parse(r.GetString(0)), r.GetString(1), r.Time(2)), t);
            if (cluster is null)
            {
                cluster = new ClusterInfo(Guid.NewGuid(), "keyhold", clock.GetUtcNow());
                await Db.ExecuteAsync(c, tx, "INSERT INTO cluster (uuid, name, created) VALUES (@u, @n, @c)", t, ("@u", cluster.Uuid), ("@n", cluster.Name), ("@c", cluster.Created));
            }
            var known = await Db.ScalarAsync(c, tx, "SELECT uuid FROM nodes WHERE uuid = @u", t, ("@u", node.Uuid));
            if (known is null)
            {
                if (await Db.ScalarAsync(c, tx, "SELECT uuid FROM nodes WHERE name = @n", t, ("@n", node.Name)) is { } other)
                {
                    throw new NodeNameTakenException(node.Name, Guid.Parse(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!));
                }
                await Db.ExecuteAsync(c, tx, "INSERT INTO nodes (uuid, name, public_key, created) VALUES (@u, @n, @k, @c)", t,
                    ("@u", node.Uuid), ("@n", node.Name), ("@k", nodePublicKey), ("@c", clock.GetUtcNow()));
            }
            else
            {
                await Db.ExecuteAsync(c, tx, "UPDATE nodes SET public_key = @k WHERE uuid = @u", t, ("@u", node.Uuid), ("@k", nodePublicKey));
            }
            return cluster;
        }, ct);

    public Task<List<NodeRecord>> NodesAsync(CancellationToken ct = default) =>
        store.ReadAsync((c, t) => Db.QueryAsync(c, null, "SELECT uuid, name, public_key, last_seen FROM nodes ORDER BY name",
            r => new NodeRecord(Guid.Parse(r.GetString(0)), r.GetString(1), (byte[])r.GetValue(2), r.IsDBNull(3) ? null : r.Time(3)), t), ct);

    /// <summary>Records that <paramref name="node"/> is alive now.</summary>
    public Task BeatAsync(Guid node, CancellationToken ct = default) =>
        store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "UPDATE nodes SET last_seen = @s WHERE uuid = @u", t,
            ("@u", node), ("@s", SqliteDialect.FormatDateTime(clock.GetUtcNow()))), ct);
}

/// <summary>A node of the cluster; <paramref name="LastSeen"/> is its last heartbeat (null: none recorded yet).</summary>
public sealed record NodeRecord(Guid Uuid, string Name, byte[] PublicKey, DateTimeOffset? LastSeen = null);
