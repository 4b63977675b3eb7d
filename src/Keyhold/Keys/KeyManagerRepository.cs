using System.Data.Common;
using Keyhold.Storage.Query;
using Keyhold.Onboard;
using Keyhold.Storage;

namespace Keyhold.Keys;

public sealed class KeyManagerRepository(IStore store)
{
    private const string Select =
        "SELECT km.uuid, km.svm_uuid, s.name, km.kind, km.dare_disabled, km.created FROM key_managers km LEFT JOIN svms s ON s.uuid = km.svm_uuid";

    public Task<List<KeyManager>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.QueryAsync(c, null, Paged.Sql(Select, plan), Read, t, Paged.Parameters(plan)), ct);

    public Task<KeyManager?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindAsync(c, null, uuid, t), ct);

    public static Task<KeyManager?> FindAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE km.uuid = @u", Read, ct, ("@u", uuid));

    public static Task<KeyManager?> FindByScopeAsync(DbConnection c, DbTransaction? tx, Guid? svmUuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE km.scope_key = @k", Read, ct, ("@k", svmUuid?.ToString() ?? "cluster"));

    public static Task InsertAsync(DbConnection c, DbTransaction tx, KeyManager km, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "INSERT INTO key_managers (uuid, scope_key, scope, svm_uuid, kind, dare_disabled, created) VALUES (@u, @k, @s, @svm, @kind, @d, @c)", ct,
            ("@u", km.Uuid), ("@k", km.ScopeKey), ("@s", km.Scope), ("@svm", km.SvmUuid?.ToString()), ("@kind", km.Kind), ("@d", km.DareDisabled), ("@c", km.Created));

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

    public static Task<OnboardState?> FindOnboardAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, "SELECT key_manager_uuid, kdf, wrapped_root, root_fingerprint, changed FROM onboard WHERE key_manager_uuid = @u",
            r => new OnboardState(Guid.Parse(r.GetString(0)), KdfParameters.FromBytes((byte[])r.GetValue(1)), (byte[])r.GetValue(2), r.GetString(3), r.Time(4)), ct, ("@u", uuid));

    public Task<OnboardState?> FindOnboardAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindOnboardAsync(c, null, uuid, t), ct);

    public static async Task SaveOnboardAsync(DbConnection c, DbTransaction tx, OnboardState state, CancellationToken ct)
    {
        await Db.ExecuteAsync(c, tx, "DELETE FROM onboard WHERE key_manager_uuid = @u", ct, ("@u", state.KeyManagerUuid));
        await Db.ExecuteAsync(c, tx, "INSERT INTO onboard (key_manager_uuid, kdf, wrapped_root, root_fingerprint, changed) VALUES (@u, @k, @w, @f, @c)", ct,
            ("@u", state.KeyManagerUuid), ("@k", state.Kdf.ToBytes()), ("@w", state.WrappedRootKey), ("@f", state.RootFingerprint), ("@c", state.Changed));
    }

    public static Task<List<(Guid Node, byte[] Sealed)>> SealsAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.QueryAsync(c, tx, "SELECT node_uuid, sealed FROM root_key_seals WHERE key_manager_uuid = @u",
            r => (Guid.Parse(r.GetString(0)), (byte[])r.GetValue(1)), ct, ("@u", uuid));

    public static async Task SaveSealAsync(DbConnection c, DbTransaction tx, Guid uuid, Guid node, byte[] sealedRoot, CancellationToken ct)
    {
        await Db.ExecuteAsync(c, tx, "DELETE FROM root_key_seals WHERE key_manager_uuid = @u AND node_uuid = @n", ct, ("@u", uuid), ("@n", node));
        await Db.ExecuteAsync(c, tx, "INSERT INTO root_key_seals (key_manager_uuid, node_uuid, sealed) VALUES (@u, @n, @s)", ct, ("@u", uuid), ("@n", node), ("@s", sealedRoot));
    }

    private static KeyManager Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.IsDBNull(1) ? null : Guid.Parse(r.GetString(1)), r.StringOrNull(2), r.GetString(3), r.Bool(4), r.Time(5));
}
