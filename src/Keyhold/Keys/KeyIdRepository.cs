using System.Data.Common;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.Keys;

/// <summary>The keys of one key manager for key-ids; filters, order and paging run in SQL (columns in <see cref="Ontap.Schemas.KeyIdSchema"/>).</summary>
public sealed class KeyIdRepository(IStore store)
{
    // The wrapped material is never read for a listing.
    private const string Select =
        "SELECT k.key_id, k.key_manager_uuid, k.key_type, k.svm_uuid, k.key_tag, k.metadata, k.created, s.name, km.kind " +
        "FROM keys k JOIN key_managers km ON km.uuid = k.key_manager_uuid LEFT JOIN svms s ON s.uuid = k.svm_uuid";

    public Task<List<KeyIdRow>> QueryAsync(Guid keyManager, SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(Select, Of(keyManager, plan), Read, ct, ("@km", keyManager));

    /// <summary>The plan's rows one by one as the store reads them (false stops); see <see cref="PagedQuery.StreamPageAsync"/>.</summary>
    public Task StreamAsync(Guid keyManager, SqlPlan plan, Func<KeyIdRow, ValueTask<bool>> each, CancellationToken ct) =>
        store.StreamPageAsync(Select, Of(keyManager, plan), Read, each, ct, ("@km", keyManager));

    /// <summary>How many rows the plan's WHERE keeps, counted in the store.</summary>
    public Task<long> CountAsync(Guid keyManager, SqlPlan plan, CancellationToken ct) =>
        store.CountAsync(Select, Of(keyManager, plan), ct, ("@km", keyManager));

    /// <summary>How many keys the key manager has, from the kept count: the same whatever their number.</summary>
    public Task<long> CountAllAsync(Guid keyManager, CancellationToken ct) =>
        RowCounts.ReadAsync(store, RowCounts.KeysOf(keyManager), ct);

    private static SqlPlan Of(Guid keyManager, SqlPlan plan) => plan with { Where = $"k.key_manager_uuid = @km AND ({plan.Where})" };

    public Task<KeyIdRow?> FindAsync(Guid keyManager, string keyId, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.SingleOrDefaultAsync(c, null, Select + " WHERE k.key_manager_uuid = @km AND k.key_id = @k", Read, t,
            ("@km", keyManager), ("@k", keyId)), ct);

    private static KeyIdRow Read(DbDataReader r) => new(
        new DataKey(r.GetString(0), Guid.Parse(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : Guid.Parse(r.GetString(3)), r.StringOrNull(4),
            null, r.GetString(5), r.Time(6)),
        r.StringOrNull(7), r.GetString(8));
}
