using System.Data.Common;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.Volumes;

public sealed class VolumeRepository(IStore store)
{
    private const string Columns = "v.uuid, v.svm_uuid, s.name, v.name, v.size, v.state, v.encryption_state, v.key_id, v.attributes";
    private const string From = " FROM volumes v JOIN svms s ON s.uuid = v.svm_uuid";
    private const string Select = "SELECT " + Columns + From;

    // A page's rows: the columns of Read, then the volume's and its SVM's row versions (the SVM's name is in the record).
    private const string PageSelect = "SELECT " + Columns + ", v.row_version, s.row_version" + From;

    public Task<List<Volume>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(Select, plan, Read, ct);

    /// <summary>
    /// The plan's rows one by one as the store reads them (false stops), each with its version and its SVM's, its columns
    /// read only when its value is asked for; see <see cref="PagedQuery.StreamVersionedAsync"/>.
    /// </summary>
    public Task StreamAsync(SqlPlan plan, Func<VersionedRow<Volume>, ValueTask<bool>> each, CancellationToken ct) =>
        store.StreamVersionedAsync(PageSelect, plan, Read, versionAt: 9, parentVersionAt: 10, each, ct);

    /// <summary>How many rows the plan's WHERE keeps, counted in the store.</summary>
    public Task<long> CountAsync(SqlPlan plan, CancellationToken ct) =>
        store.CountAsync(Select, plan, ct);

    /// <summary>How many volumes there are (of <paramref name="svm"/> when given), from the kept count: the same whatever their number.</summary>
    public Task<long> CountAllAsync(Guid? svm, CancellationToken ct) =>
        RowCounts.ReadAsync(store, svm is { } one ? RowCounts.VolumesOf(one) : RowCounts.Volumes, ct);

    public Task<Volume?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindAsync(c, null, uuid, t), ct);

    public static Task<Volume?> FindAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE v.uuid = @u", Read, ct, ("@u", uuid));

    public static Task<Volume?> FindByNameAsync(DbConnection c, DbTransaction? tx, Guid svm, string name, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE v.svm_uuid = @s AND v.name = @n", Read, ct, ("@s", svm), ("@n", name));

    public static Task InsertAsync(DbConnection c, DbTransaction tx, Volume v, DateTimeOffset created, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "INSERT INTO volumes (uuid, svm_uuid, name, size, state, encryption_state, key_id, attributes, created) VALUES (@u, @s, @n, @z, @st, @e, @k, @a, @c)", ct,
            ("@u", v.Uuid), ("@s", v.SvmUuid), ("@n", v.Name), ("@z", v.Size), ("@st", v.State), ("@e", v.EncryptionState), ("@k", v.KeyId),
            ("@a", v.Attributes), ("@c", created));

    /// <summary>
    /// Inserts <paramref name="v"/> only while its SVM exists: 1 when it landed, 0 when the SVM is gone. The check rides
    /// in the INSERT, so it costs no round trip of its own; the SVM row is read inside the transaction like before.
    /// </summary>
    public static Task<int> InsertIntoSvmAsync(DbConnection c, DbTransaction tx, Volume v, DateTimeOffset created, CancellationToken ct)
    {
        var insert = InsertIntoSvm(v, created);
        return Db.ExecuteAsync(c, tx, insert.Sql, ct, insert.Parameters);
    }

    /// <summary>The statement of <see cref="InsertIntoSvmAsync"/>, to send with others (<see cref="Db.ExecuteAllAsync"/>).</summary>
    public static Statement InsertIntoSvm(Volume v, DateTimeOffset created) => new(
        "INSERT INTO volumes (uuid, svm_uuid, name, size, state, encryption_state, key_id, attributes, created) " +
        "SELECT @u, @s, @n, @z, @st, @e, @k, @a, @c WHERE EXISTS (SELECT 1 FROM svms WHERE uuid = @s)",
        ("@u", v.Uuid), ("@s", v.SvmUuid), ("@n", v.Name), ("@z", v.Size), ("@st", v.State), ("@e", v.EncryptionState), ("@k", v.KeyId),
        ("@a", v.Attributes), ("@c", created));

    /// <summary>
    /// The statement that inserts <paramref name="v"/> only while its SVM exists under <see cref="Volume.SvmName"/> and
    /// <paramref name="keyManager"/> is still the SVM's effective key manager (<see cref="Keys.EffectiveKeyManager.HeldBySql"/>):
    /// its key's row carries the same check, so the volume and its key land together or not at all, sent together with
    /// no answer needed in between.
    /// </summary>
    /// <param name="room">Also the key's room check (<see cref="Keys.KeyRoom"/>) when its key carries one.</param>
    public static Statement InsertWhileKeyHeld(Volume v, Guid keyManager, DateTimeOffset created, Keys.KeyRoom? room = null) => new(
        room is null ? InsertHeldSql : InsertHeldWithRoomSql,
        Keys.KeyRoom.With(room, ("@u", v.Uuid), ("@s", v.SvmUuid), ("@n", v.Name), ("@z", v.Size), ("@st", v.State), ("@e", v.EncryptionState), ("@k", v.KeyId),
        ("@a", v.Attributes), ("@c", created), ("@m", keyManager), ("@sn", v.SvmName)));

    // Built once: the PostgreSQL store keeps its translation of a SQL text per string instance (PositionalSql).
    private static readonly string InsertHeldSql = "INSERT INTO volumes (uuid, svm_uuid, name, size, state, encryption_state, key_id, attributes, created) " +
        "SELECT @u, @s, @n, @z, @st, @e, @k, @a, @c WHERE " + Keys.EffectiveKeyManager.HeldBySql("@s", "@sn", "@m");
    private static readonly string InsertHeldWithRoomSql = InsertHeldSql + Keys.KeyRoom.Condition;

    public static Task UpdateAsync(DbConnection c, DbTransaction tx, Volume v, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE volumes SET name = @n, size = @z, state = @st, encryption_state = @e, key_id = @k, attributes = @a WHERE uuid = @u", ct,
            ("@u", v.Uuid), ("@n", v.Name), ("@z", v.Size), ("@st", v.State), ("@e", v.EncryptionState), ("@k", v.KeyId), ("@a", v.Attributes));

    public static Task DeleteAsync(DbConnection c, DbTransaction tx, Guid uuid, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM volumes WHERE uuid = @u", ct, ("@u", uuid));

    private static Volume Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6),
        r.StringOrNull(7), r.GetString(8));
}
