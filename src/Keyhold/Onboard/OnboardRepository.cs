using System.Data.Common;
using Keyhold.Storage;

namespace Keyhold.Onboard;

/// <summary>The onboard tables: each key manager's wrapped root key and KDF parameters, and the root key sealed to each node.</summary>
public static class OnboardRepository
{
    public static Task<OnboardState?> FindAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, "SELECT key_manager_uuid, kdf, wrapped_root, root_fingerprint, changed FROM onboard WHERE key_manager_uuid = @u",
            r => new OnboardState(Guid.Parse(r.GetString(0)), KdfParameters.FromBytes((byte[])r.GetValue(1)), (byte[])r.GetValue(2), r.GetString(3), r.Time(4)), ct, ("@u", uuid));

    public static async Task SaveAsync(DbConnection c, DbTransaction tx, OnboardState state, CancellationToken ct)
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
}
