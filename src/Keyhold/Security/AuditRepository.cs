using System.Data.Common;
using Keyhold.Cluster;
using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.Security;

/// <summary>The audit_messages table: batches in, pages out, retention.</summary>
public sealed class AuditRepository(IStore store)
{
    private const string Select =
        "SELECT timestamp, node_uuid, node_name, idx, application, location, user_name, input, state, scope, message FROM audit_messages";

    public Task<List<AuditMessage>> QueryAsync(SqlPlan plan, CancellationToken ct) => store.QueryPageAsync(Select, plan, Read, ct);

    /// <summary>The plan's rows one by one as the store reads them (false stops); see <see cref="PagedQuery.StreamPageAsync"/>.</summary>
    public Task StreamAsync(SqlPlan plan, Func<AuditMessage, ValueTask<bool>> each, CancellationToken ct) =>
        store.StreamPageAsync(Select, plan, Read, each, ct);

    /// <summary>How many rows the plan's WHERE keeps, counted in the store.</summary>
    public Task<long> CountAsync(SqlPlan plan, CancellationToken ct) =>
        store.CountAsync(Select, plan, ct);

    /// <summary>One transaction for the whole batch: one commit (one fsync on SQLite) however many messages.</summary>
    public Task InsertAsync(NodeIdentity node, IReadOnlyList<(long Index, AuditEntry Entry)> batch, CancellationToken ct) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            foreach (var (index, e) in batch)
            {
                await Db.ExecuteAsync(c, tx,
                    "INSERT INTO audit_messages (node_uuid, idx, timestamp, node_name, application, location, user_name, input, state, scope, message) " +
                    "VALUES (@n, @i, @t, @nn, @a, @l, @u, @in, @s, @sc, @m)", t,
                    ("@n", node.Uuid), ("@i", index), ("@t", e.Timestamp), ("@nn", node.Name), ("@a", e.Application), ("@l", e.Location),
                    ("@u", e.User), ("@in", e.Input), ("@s", e.State), ("@sc", e.Scope), ("@m", e.Message));
            }
            return batch.Count;
        }, ct);

    /// <summary>Deletes messages older than <paramref name="before"/> and all but the newest <paramref name="keep"/>.</summary>
    public Task<int> PruneAsync(DateTimeOffset before, int keep, CancellationToken ct) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            var deleted = await Db.ExecuteAsync(c, tx, "DELETE FROM audit_messages WHERE timestamp < @b", t, ("@b", before));
            if (await Db.ScalarAsync(c, tx, "SELECT timestamp FROM audit_messages ORDER BY timestamp DESC LIMIT 1 OFFSET @k", t, ("@k", keep)) is string cutoff)
            {
                deleted += await Db.ExecuteAsync(c, tx, "DELETE FROM audit_messages WHERE timestamp <= @c", t, ("@c", cutoff));
            }
            return deleted;
        }, ct);

    private static AuditMessage Read(DbDataReader r) => new(
        r.Time(0), r.GetString(1), r.GetString(2), r.GetInt64(3),
        new AuditEntry(r.Time(0), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9), r.StringOrNull(10)));
}

/// <summary>A stored audit message: its entry, the node that wrote it and its index there.</summary>
public sealed record AuditMessage(DateTimeOffset Timestamp, string NodeUuid, string NodeName, long Index, AuditEntry Entry);
