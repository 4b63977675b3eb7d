using System.Data.Common;
using Keyhold.Kmip;
using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.KmipObjects;

/// <summary>Store access for KMIP objects. Every method runs inside the caller's transaction or read.</summary>
public sealed class KmipObjectRepository(IStore store)
{
    private const string Columns = "uid, owner, object_type, state, attributes, wrapped, key_manager_uuid, created, changed";

    /// <summary>The admin resource's page: metadata only (the wrapped column is never selected for it).</summary>
    public const string SelectMetadata = "SELECT uid, owner, object_type, state, attributes, NULL, key_manager_uuid, created, changed, name FROM kmip_objects";

    public Task<List<KmipObject>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(SelectMetadata, plan, Read, ct);

    /// <summary>The plan's rows one by one as the store reads them (false stops); see <see cref="PagedQuery.StreamPageAsync"/>.</summary>
    public Task StreamAsync(SqlPlan plan, Func<KmipObject, ValueTask<bool>> each, CancellationToken ct) =>
        store.StreamPageAsync(SelectMetadata, plan, Read, each, ct);

    /// <summary>How many rows the plan's WHERE keeps, counted in the store.</summary>
    public Task<long> CountAsync(SqlPlan plan, CancellationToken ct) =>
        store.CountAsync(SelectMetadata, plan, ct);

    public Task<KmipObject?> FindMetadataAsync(string uid, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.SingleOrDefaultAsync(c, null, SelectMetadata + " WHERE uid = @u", Read, t, ("@u", uid)), ct);

    public static Task<KmipObject?> FindAsync(DbConnection c, DbTransaction? tx, string uid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, $"SELECT {Columns} FROM kmip_objects WHERE uid = @u", Read, ct, ("@u", uid));

    /// <summary>Every object of one owner, without material, in creation order (Locate filters them).</summary>
    public static Task<List<KmipObject>> OwnedAsync(DbConnection c, DbTransaction? tx, string owner, CancellationToken ct) =>
        Db.QueryAsync(c, tx, "SELECT uid, owner, object_type, state, attributes, NULL, key_manager_uuid, created, changed FROM kmip_objects " +
            "WHERE owner = @o ORDER BY created, uid", Read, ct, ("@o", owner));

    public static Task InsertAsync(DbConnection c, DbTransaction tx, KmipObject o, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "INSERT INTO kmip_objects (uid, owner, object_type, state, name, attributes, wrapped, key_manager_uuid, created, changed) " +
            "VALUES (@u, @o, @t, @s, @n, @a, @w, @k, @c, @h)", ct,
            ("@u", o.Uid), ("@o", o.Owner), ("@t", (int)o.ObjectType), ("@s", (int)o.State), ("@n", o.FirstName),
            ("@a", o.Attributes.Encode()), ("@w", o.Wrapped), ("@k", o.KeyManagerUuid?.ToString()), ("@c", o.Created), ("@h", o.Changed));

    /// <summary>Writes state and attributes; <paramref name="dropMaterial"/> erases the wrapped object (Destroy).</summary>
    public static Task<int> UpdateAsync(DbConnection c, DbTransaction tx, KmipObject o, bool dropMaterial, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "UPDATE kmip_objects SET state = @s, name = @n, attributes = @a, changed = @h" + (dropMaterial ? ", wrapped = NULL, key_manager_uuid = NULL" : "") +
            " WHERE uid = @u", ct,
            ("@u", o.Uid), ("@s", (int)o.State), ("@n", o.FirstName), ("@a", o.Attributes.Encode()), ("@h", o.Changed));

    public static Task<int> DeleteAsync(DbConnection c, DbTransaction tx, string uid, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM kmip_objects WHERE uid = @u", ct, ("@u", uid));

    public static async Task<long> CountWithMaterialAsync(DbConnection c, DbTransaction? tx, Guid keyManager, CancellationToken ct) =>
        Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM kmip_objects WHERE key_manager_uuid = @k", ct, ("@k", keyManager.ToString())),
            System.Globalization.CultureInfo.InvariantCulture);

    private static KmipObject Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), (ObjectType)Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
        (KmipObjectState)Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
        KmipAttributeList.Decode((byte[])r.GetValue(4)), r.BytesOrNull(5),
        r.StringOrNull(6) is { } km ? Guid.Parse(km) : null, r.Time(7), r.Time(8));
}
