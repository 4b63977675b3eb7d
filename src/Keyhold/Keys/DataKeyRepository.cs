using System.Data.Common;
using Keyhold.Storage;

namespace Keyhold.Keys;

public sealed class DataKeyRepository
{
    private const string Select = "SELECT key_id, key_manager_uuid, key_type, svm_uuid, key_tag, wrapped, metadata, created FROM keys";

    public static Task<List<DataKey>> ListAsync(DbConnection c, DbTransaction? tx, Guid keyManager, CancellationToken ct) =>
        Db.QueryAsync(c, tx, Select + " WHERE key_manager_uuid = @m ORDER BY key_id", Read, ct, ("@m", keyManager));

    public static Task<DataKey?> FindAsync(DbConnection c, DbTransaction? tx, string keyId, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE key_id = @k", Read, ct, ("@k", keyId));

    public static Task<int> InsertAsync(DbConnection c, DbTransaction tx, DataKey key, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "INSERT INTO keys (key_id, key_manager_uuid, key_type, svm_uuid, key_tag, wrapped, metadata, created, stamp) VALUES (@k, @m, @t, @s, @g, @w, @d, @c, @st)", ct,
            ("@k", key.KeyId), ("@m", key.KeyManagerUuid), ("@t", key.KeyType), ("@s", key.SvmUuid?.ToString()), ("@g", key.KeyTag),
            ("@w", key.Wrapped), ("@d", key.Metadata), ("@c", key.Created), ("@st", KeyStamps.New()));

    /// <summary>
    /// Inserts <paramref name="key"/> only while its key manager is still the effective one of <paramref name="svm"/>
    /// (<see cref="EffectiveKeyManager"/>): 1 when it landed, 0 when the SVM's key manager changed. The check rides in the
    /// INSERT, read inside the caller's transaction, and costs no round trip of its own.
    /// </summary>
    /// <param name="room">Also: the key manager has room for it (<see cref="KeyRoom"/>), else 0 too.</param>
    public static Task<int> InsertWhileEffectiveAsync(DbConnection c, DbTransaction tx, DataKey key, Guid svm, CancellationToken ct, KeyRoom? room = null)
    {
        var insert = InsertWhileEffective(key, svm, room);
        return Db.ExecuteAsync(c, tx, insert.Sql, ct, insert.Parameters);
    }

    /// <summary>The statement of <see cref="InsertWhileEffectiveAsync"/>, to send with others (<see cref="Db.ExecuteAllAsync"/>).</summary>
    public static Statement InsertWhileEffective(DataKey key, Guid svm, KeyRoom? room = null) => new(
        room is null ? InsertEffectiveSql : InsertEffectiveWithRoomSql,
        KeyRoom.With(room, ("@k", key.KeyId), ("@m", key.KeyManagerUuid), ("@t", key.KeyType), ("@s", key.SvmUuid?.ToString()), ("@g", key.KeyTag),
        ("@w", key.Wrapped), ("@d", key.Metadata), ("@c", key.Created), ("@st", KeyStamps.New()), ("@v", svm)));

    /// <summary>
    /// Inserts <paramref name="key"/> only while <paramref name="svm"/> exists named <paramref name="svmName"/> and the key's
    /// manager is still its effective one (<see cref="EffectiveKeyManager.HeldBySql"/>), the same check its consumer's row carries.
    /// </summary>
    public static Statement InsertWhileHeld(DataKey key, Guid svm, string svmName, KeyRoom? room = null) => new(
        room is null ? InsertHeldSql : InsertHeldWithRoomSql,
        KeyRoom.With(room, ("@k", key.KeyId), ("@m", key.KeyManagerUuid), ("@t", key.KeyType), ("@s", key.SvmUuid?.ToString()), ("@g", key.KeyTag),
        ("@w", key.Wrapped), ("@d", key.Metadata), ("@c", key.Created), ("@st", KeyStamps.New()), ("@v", svm), ("@vn", svmName)));

    // Built once: the PostgreSQL store keeps its translation of a SQL text per string instance (PositionalSql).
    private const string InsertSelect = "INSERT INTO keys (key_id, key_manager_uuid, key_type, svm_uuid, key_tag, wrapped, metadata, created, stamp) " +
        "SELECT @k, @m, @t, @s, @g, @w, @d, @c, @st WHERE ";
    private static readonly string InsertEffectiveSql = InsertSelect + EffectiveKeyManager.UuidSql("@v") + " = @m";
    private static readonly string InsertEffectiveWithRoomSql = InsertEffectiveSql + KeyRoom.Condition;
    private static readonly string InsertHeldSql = InsertSelect + EffectiveKeyManager.HeldBySql("@v", "@vn", "@m");
    private static readonly string InsertHeldWithRoomSql = InsertHeldSql + KeyRoom.Condition;

    public static Task<int> DeleteAsync(DbConnection c, DbTransaction tx, string keyId, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM keys WHERE key_id = @k", ct, ("@k", keyId));

    /// <summary>Deletes a key's row only while <paramref name="keyManager"/> still holds it: 1 when deleted, else 0.</summary>
    public static Task<int> DeleteOfManagerAsync(DbConnection c, DbTransaction tx, string keyId, Guid keyManager, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM keys WHERE key_id = @k AND key_manager_uuid = @m", ct, ("@k", keyId), ("@m", keyManager));

    /// <summary>Keeps a key's tag and consumer metadata in step with its consumer (a renamed or resized volume).</summary>
    public static Task<int> UpdateConsumerAsync(DbConnection c, DbTransaction tx, string keyId, string? keyTag, string metadata, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE keys SET key_tag = @g, metadata = @d, stamp = @st WHERE key_id = @k", ct, ("@k", keyId), ("@g", keyTag), ("@d", metadata), ("@st", KeyStamps.New()));

    /// <summary>Switches a key to another key manager with the material or locations it has there: the one step of a migration that changes where the key is read from.</summary>
    public static Task<int> MoveAsync(DbConnection c, DbTransaction tx, string keyId, Guid from, Guid to, byte[]? wrapped, string metadata, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE keys SET key_manager_uuid = @to, wrapped = @w, metadata = @d, stamp = @st WHERE key_id = @k AND key_manager_uuid = @from", ct,
            ("@k", keyId), ("@from", from), ("@to", to), ("@w", wrapped), ("@d", metadata), ("@st", KeyStamps.New()));

    /// <summary>The keys of one SVM held by one key manager, in key ID order.</summary>
    public static Task<List<DataKey>> ListForSvmAsync(DbConnection c, DbTransaction? tx, Guid keyManager, Guid svm, CancellationToken ct) =>
        Db.QueryAsync(c, tx, Select + " WHERE key_manager_uuid = @m AND svm_uuid = @s ORDER BY key_id", Read, ct, ("@m", keyManager), ("@s", svm.ToString()));

    public static async Task<long> CountAsync(DbConnection c, DbTransaction? tx, Guid keyManager, CancellationToken ct) =>
        Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM keys WHERE key_manager_uuid = @m", ct, ("@m", keyManager)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many keys of <paramref name="keyType"/> (e.g. <see cref="AuthKeyTypes.NseAk"/>) the key manager holds.</summary>
    public static async Task<long> CountOfTypeAsync(DbConnection c, DbTransaction? tx, Guid keyManager, string keyType, CancellationToken ct) =>
        Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM keys WHERE key_manager_uuid = @m AND key_type = @t", ct,
            ("@m", keyManager), ("@t", keyType)), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<long> CountForSvmAsync(DbConnection c, DbTransaction? tx, Guid keyManager, Guid svm, CancellationToken ct) =>
        Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM keys WHERE key_manager_uuid = @m AND svm_uuid = @s", ct,
            ("@m", keyManager), ("@s", svm.ToString())), System.Globalization.CultureInfo.InvariantCulture);

    private static DataKey Read(DbDataReader r) => new(
        r.GetString(0), Guid.Parse(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : Guid.Parse(r.GetString(3)), r.StringOrNull(4),
        r.BytesOrNull(5), r.GetString(6), r.Time(7));
}
