using System.Data.Common;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.External;

/// <summary>node_connectivity: what each node last published about each key server, and when.</summary>
public sealed class ConnectivityRepository(IStore store)
{
    /// <summary>
    /// Upserts this node's rows in one transaction. A row is written only while its server is configured, so a
    /// publish racing a removal cannot bring the removed server's rows back.
    /// </summary>
    public Task SaveAsync(Guid node, IReadOnlyList<(Guid KeyManager, string Server, string State)> rows, DateTimeOffset checkedAt, CancellationToken ct) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            foreach (var row in rows)
            {
                // WHERE on the SELECT also keeps SQLite from reading ON CONFLICT as a join constraint.
                await Db.ExecuteAsync(c, tx,
                    "INSERT INTO node_connectivity (key_manager_uuid, server, node_uuid, state, checked) SELECT @k, @s, @n, @st, @c " +
                    "WHERE EXISTS (SELECT 1 FROM key_servers WHERE key_manager_uuid = @k AND server = @s) " +
                    "ON CONFLICT (key_manager_uuid, server, node_uuid) DO UPDATE SET state = excluded.state, checked = excluded.checked", t,
                    ("@k", row.KeyManager), ("@s", row.Server), ("@n", node), ("@st", row.State), ("@c", SqliteDialect.FormatDateTime(checkedAt)));
            }
            return 0;
        }, ct);

    /// <summary>A key manager's rows checked since <paramref name="since"/>, and every node with any such row (the live ones).</summary>
    public Task<(List<(Guid Node, string Server, string State)> Rows, HashSet<Guid> Live)> FreshAsync(Guid keyManager, DateTimeOffset since, CancellationToken ct) =>
        store.ReadAsync(async (c, t) =>
        {
            var cutoff = SqliteDialect.FormatDateTime(since);
            var rows = await Db.QueryAsync(c, null, "SELECT node_uuid, server, state FROM node_connectivity WHERE key_manager_uuid = @k AND checked >= @c",
                r => (Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2)), t, ("@k", keyManager), ("@c", cutoff));
            var live = await Db.QueryAsync(c, null, "SELECT DISTINCT node_uuid FROM node_connectivity WHERE checked >= @c",
                r => Guid.Parse(r.GetString(0)), t, ("@c", cutoff));
            return (rows, live.ToHashSet());
        }, ct);

    /// <summary>Every node's rows of a removed server, inside the removal's transaction (a key manager's go with it in KeyManagerRepository).</summary>
    public static Task DeleteAsync(DbConnection c, DbTransaction tx, Guid keyManager, string server, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM node_connectivity WHERE key_manager_uuid = @k AND server = @s", ct, ("@k", keyManager), ("@s", server));
}
