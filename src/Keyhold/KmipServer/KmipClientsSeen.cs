using Keyhold.Cluster;
using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.KmipServer;

/// <summary>A client identity as the admin resource shows it: where and when it connected, and how often.</summary>
public sealed record KmipClientSeen(string Identity, Guid NodeUuid, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Connections);

/// <summary>
/// Records each accepted connection's identity per node in the store (one small write per connection, not per request),
/// so every node's admin resource lists the clients the whole cluster has seen.
/// </summary>
public sealed class KmipClientsSeen(IStore store, NodeIdentity node, TimeProvider clock, ILogger<KmipClientsSeen> logger)
{
    public async Task RecordAsync(string identity, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        try
        {
            await store.WriteAsync(async (c, tx, t) =>
            {
                int updated = await Db.ExecuteAsync(c, tx,
                    "UPDATE kmip_clients SET last_seen = @t, connections = connections + 1 WHERE identity = @i AND node_uuid = @n", t,
                    ("@i", identity), ("@n", node.Uuid), ("@t", now));
                if (updated == 0)
                {
                    await Db.ExecuteAsync(c, tx,
                        "INSERT INTO kmip_clients (identity, node_uuid, first_seen, last_seen, connections) VALUES (@i, @n, @t, @t, 1)", t,
                        ("@i", identity), ("@n", node.Uuid), ("@t", now));
                }

                return 0;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Bookkeeping only: a client is served even when its visit cannot be recorded.
            logger.LogWarning("Could not record the KMIP client's connection: {Type}", e.GetType().Name);
        }
    }

    /// <summary>A page of the admin resource's collection.</summary>
    public Task<List<KmipClientSeen>> QueryAsync(SqlPlan plan, CancellationToken ct) => store.QueryPageAsync(SelectFrom, plan, Read, ct);

    private const string SelectFrom = "SELECT identity, node_uuid, first_seen, last_seen, connections FROM kmip_clients";

    private static KmipClientSeen Read(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), Guid.Parse(r.GetString(1)), r.Time(2), r.Time(3), Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture));
}
