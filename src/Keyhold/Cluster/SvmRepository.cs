using System.Data.Common;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.Cluster;

public sealed class SvmRepository(IStore store)
{
    private const string Columns = "SELECT uuid, name, state, attributes FROM svms";

    // A page's rows: the columns of Read, then the row's version.
    private const string PageColumns = "SELECT uuid, name, state, attributes, row_version FROM svms";

    public Task<List<Svm>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(Columns, plan, Read, ct);

    /// <summary>
    /// The plan's rows one by one as the store reads them (false stops), each with its version, its columns read only
    /// when its value is asked for; see <see cref="PagedQuery.StreamVersionedAsync"/>.
    /// </summary>
    public Task StreamAsync(SqlPlan plan, Func<VersionedRow<Svm>, ValueTask<bool>> each, CancellationToken ct) =>
        store.StreamVersionedAsync(PageColumns, plan, Read, versionAt: 4, parentVersionAt: -1, each, ct);

    /// <summary>How many rows the plan's WHERE keeps, counted in the store.</summary>
    public Task<long> CountAsync(SqlPlan plan, CancellationToken ct) =>
        store.CountAsync(Columns, plan, ct);

    /// <summary>Every SVM by name (the SVMs are few: one per tenant).</summary>
    public Task<List<Svm>> AllAsync(CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.QueryAsync(c, null, Columns + " ORDER BY name", Read, t), ct);

    public Task<Svm?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindAsync(c, null, uuid, t), ct);

    public static Task<Svm?> FindAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Columns + " WHERE uuid = @u", Read, ct, ("@u", uuid));

    public static Task<Svm?> FindByNameAsync(DbConnection c, DbTransaction? tx, string name, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Columns + " WHERE name = @n", Read, ct, ("@n", name));

    public Task<Svm?> FindByNameAsync(string name, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindByNameAsync(c, null, name, t), ct);

    public static Task InsertAsync(DbConnection c, DbTransaction tx, Svm svm, DateTimeOffset created, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "INSERT INTO svms (uuid, name, state, attributes, created) VALUES (@u, @n, @s, @a, @c)", ct,
            ("@u", svm.Uuid), ("@n", svm.Name), ("@s", svm.State), ("@a", svm.Attributes), ("@c", created));

    public static Task UpdateAsync(DbConnection c, DbTransaction tx, Svm svm, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE svms SET name = @n, state = @s, attributes = @a WHERE uuid = @u", ct,
            ("@u", svm.Uuid), ("@n", svm.Name), ("@s", svm.State), ("@a", svm.Attributes));

    public static Task DeleteAsync(DbConnection c, DbTransaction tx, Guid uuid, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM svms WHERE uuid = @u", ct, ("@u", uuid));

    /// <summary>An SVM from the first four columns, in the order of <see cref="Columns"/>.</summary>
    public static Svm Read(DbDataReader r) => new(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3));
}
