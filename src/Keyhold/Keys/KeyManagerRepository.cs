using System.Data.Common;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.Keys;

public sealed class KeyManagerRepository(IStore store)
{
    // ReadAt's seven columns, then the policy (which the joins that use ReadAt do not need).
    private const string Select =
        "SELECT km.uuid, km.svm_uuid, s.name, km.kind, km.dare_disabled, km.created, km.scope_key, km.policy FROM key_managers km LEFT JOIN svms s ON s.uuid = km.svm_uuid";

    public Task<List<KeyManager>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(Select, plan, Read, ct);

    public Task<KeyManager?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindAsync(c, null, uuid, t), ct);

    public static Task<KeyManager?> FindAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE km.uuid = @u", Read, ct, ("@u", uuid));

    public static Task<KeyManager?> FindByScopeAsync(DbConnection c, DbTransaction? tx, Guid? svmUuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE km.scope_key = @k", Read, ct, ("@k", svmUuid?.ToString() ?? "cluster"));

    /// <summary>The inactive configuration of <paramref name="kind"/> staged beside <paramref name="svmUuid"/>'s (null: the cluster's) enabled one.</summary>
    public static Task<KeyManager?> FindInactiveAsync(DbConnection c, DbTransaction? tx, Guid? svmUuid, string kind, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE km.scope_key = @k", Read, ct, ("@k", KeyManager.InactiveScopeKey(svmUuid, kind)));

    /// <summary>
    /// Moves a configuration to another scope_key: how a configuration is enabled or left inactive
    /// (<see cref="KeyManager.ScopeKey"/>). Returns the rows changed (0: it is gone).
    /// </summary>
    public static Task<int> SetScopeKeyAsync(DbConnection c, DbTransaction tx, Guid uuid, string scopeKey, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE key_managers SET scope_key = @k WHERE uuid = @u", ct, ("@u", uuid), ("@k", scopeKey));

    /// <summary>The key manager of <paramref name="svmUuid"/>'s own scope if there is one, else the cluster's.</summary>
    public static Task<KeyManager?> FindFirstByScopeAsync(DbConnection c, DbTransaction? tx, Guid svmUuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE km.scope_key IN (@k, 'cluster') ORDER BY CASE WHEN km.scope_key = 'cluster' THEN 1 ELSE 0 END LIMIT 1",
            Read, ct, ("@k", svmUuid.ToString()));

    public static Task InsertAsync(DbConnection c, DbTransaction tx, KeyManager km, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "INSERT INTO key_managers (uuid, scope_key, scope, svm_uuid, kind, dare_disabled, created, policy) VALUES (@u, @k, @s, @svm, @kind, @d, @c, @p)", ct,
            ("@u", km.Uuid), ("@k", km.ScopeKey), ("@s", km.Scope), ("@svm", km.SvmUuid?.ToString()), ("@kind", km.Kind), ("@d", km.DareDisabled), ("@c", km.Created),
            ("@p", km.Policy));

    public static Task SetDareDisabledAsync(DbConnection c, DbTransaction tx, Guid uuid, bool disabled, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE key_managers SET dare_disabled = @d WHERE uuid = @u", ct, ("@u", uuid), ("@d", disabled));

    public static async Task DeleteAsync(DbConnection c, DbTransaction tx, Guid uuid, CancellationToken ct)
    {
        foreach (var table in new[] { "root_key_seals", "onboard", "key_servers", "node_connectivity" })
        {
            await Db.ExecuteAsync(c, tx, $"DELETE FROM {table} WHERE key_manager_uuid = @u", ct, ("@u", uuid));
        }
        await Db.ExecuteAsync(c, tx, "DELETE FROM key_managers WHERE uuid = @u", ct, ("@u", uuid));
    }

    private static KeyManager Read(DbDataReader r) => ReadAt(r, 0) with { Policy = r.StringOrNull(7) };

    /// <summary>
    /// A key manager from seven columns in <see cref="Select"/>'s order starting at <paramref name="first"/> (for a query
    /// that joins it to other rows), without its policy, which only the key-manager records show.
    /// </summary>
    public static KeyManager ReadAt(DbDataReader r, int first) => new(
        Guid.Parse(r.GetString(first)), r.IsDBNull(first + 1) ? null : Guid.Parse(r.GetString(first + 1)), r.StringOrNull(first + 2), r.GetString(first + 3),
        r.Bool(first + 4), r.Time(first + 5), KeyManager.IsEnabledKey(r.GetString(first + 6)));
}
