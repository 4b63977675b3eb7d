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

    /// <summary>
    /// Messages per INSERT statement, largest first: one round trip (to PostgreSQL) for many messages, in few distinct
    /// statement shapes so both stores keep them prepared.
    /// </summary>
    private static readonly int[] RowsPerStatement = [32, 8, 1];

    /// <summary>
    /// One transaction for the whole batch, in few statements. Unflushed: the messages are written after their requests
    /// were answered, so no request waits for them, and their fsync rides on the next durable commit (at most ~0.2 s
    /// later). A durable audit commit of its own held the store's single writer for an fsync after every request, and
    /// the next request's write queued behind it: on one KMIP connection that was a second fsync per operation.
    /// </summary>
    public Task InsertAsync(NodeIdentity node, IReadOnlyList<(long Index, AuditEntry Entry)> batch, CancellationToken ct) =>
        store.WriteUnflushedAsync(async (c, tx, t) =>
        {
            for (var next = 0; next < batch.Count;)
            {
                var size = RowsPerStatement.First(n => n <= batch.Count - next);
                var chunk = batch.Skip(next).Take(size).ToArray();
                next += size;
                var values = new List<string>(chunk.Length);
                var parameters = new List<(string, object?)>(chunk.Length * 11);
                for (var i = 0; i < chunk.Length; i++)
                {
                    var (index, e) = chunk[i];
                    values.Add($"(@n{i}, @i{i}, @t{i}, @nn{i}, @a{i}, @l{i}, @u{i}, @in{i}, @s{i}, @sc{i}, @m{i})");
                    parameters.AddRange([($"@n{i}", node.Uuid), ($"@i{i}", index), ($"@t{i}", e.Timestamp), ($"@nn{i}", node.Name), ($"@a{i}", e.Application),
                        ($"@l{i}", e.Location), ($"@u{i}", e.User), ($"@in{i}", e.Input), ($"@s{i}", e.State), ($"@sc{i}", e.Scope), ($"@m{i}", e.Message)]);
                }
                await Db.ExecuteAsync(c, tx,
                    "INSERT INTO audit_messages (node_uuid, idx, timestamp, node_name, application, location, user_name, input, state, scope, message) VALUES " +
                    string.Join(", ", values), t, [.. parameters]);
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
