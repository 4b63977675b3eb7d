using System.Data.Common;
using System.Globalization;

namespace Keyhold.Storage.Query;

/// <summary>Runs a collection plan in the store: the one way a repository reads a page of its records.</summary>
public static class PagedQuery
{
    /// <summary>
    /// <paramref name="selectFrom"/> (<c>SELECT ... FROM ...</c>) with the plan's WHERE, ORDER BY and paging, the plan's
    /// parameters bound, each row mapped. <paramref name="extra"/> binds parameters that the caller's own part of the
    /// SQL names (e.g. a parent key added to <see cref="SqlPlan.Where"/>). The plan's values are bound as its dialect made
    /// them (a PostgreSQL date operand as a timestamptz), not converted like values written to the store.
    /// </summary>
    public static Task<List<T>> QueryPageAsync<T>(
        DbConnection connection, string selectFrom, SqlPlan plan, Func<DbDataReader, T> map, CancellationToken ct, params (string, object?)[] extra) =>
        Db.QueryAsync(connection, null, plan.ToSql(selectFrom), extra, plan.Parameters, map, ct);

    /// <summary>The same, in one read of the store.</summary>
    public static Task<List<T>> QueryPageAsync<T>(
        this IStore store, string selectFrom, SqlPlan plan, Func<DbDataReader, T> map, CancellationToken ct, params (string, object?)[] extra) =>
        store.ReadAsync((c, t) => QueryPageAsync(c, selectFrom, plan, map, t, extra), ct);

    /// <summary>
    /// The same rows, handed one by one to <paramref name="each"/> as the store reads them (false stops): the caller
    /// writes or drops each row, so memory does not grow with the collection. The read (one snapshot) lasts until the
    /// last row is handed over. One statement, so one snapshot without a transaction around it (<see cref="IStore.ReadStatementAsync"/>).
    /// </summary>
    public static Task StreamPageAsync<T>(
        this IStore store, string selectFrom, SqlPlan plan, Func<DbDataReader, T> map, Func<T, ValueTask<bool>> each, CancellationToken ct,
        params (string, object?)[] extra) =>
        store.ReadStatementAsync(async (c, t) =>
        {
            await Db.ForEachAsync(c, null, plan.ToSql(selectFrom), extra, plan.Parameters, map, each, t);
            return true;
        }, ct);

    /// <summary>
    /// The same rows as <see cref="StreamPageAsync{T}"/>, each handed over as a <see cref="VersionedRow{T}"/>: its versions
    /// (columns <paramref name="versionAt"/>, <paramref name="parentVersionAt"/> or -1; the uuid in column 0 only for a row
    /// without a version) read at once, the value <paramref name="read"/> makes only when the caller asks for it. One row
    /// object serves the whole read: <paramref name="each"/> must not keep it.
    /// </summary>
    public static Task StreamVersionedAsync<T>(
        this IStore store, string selectFrom, SqlPlan plan, Func<DbDataReader, T> read, int versionAt, int parentVersionAt,
        Func<VersionedRow<T>, ValueTask<bool>> each, CancellationToken ct)
        where T : class
    {
        var row = new VersionedRow<T>(store, read, versionAt, parentVersionAt);
        return store.StreamPageAsync(selectFrom, plan, row.MoveTo, each, ct);
    }

    /// <summary>How many rows match the plan's WHERE (its order and paging ignored), counted by the store.</summary>
    public static Task<long> CountAsync(this IStore store, string selectFrom, SqlPlan plan, CancellationToken ct, params (string, object?)[] extra) =>
        store.ReadAsync(async (c, t) =>
        {
            var rows = await Db.QueryAsync(c, null, plan.ToCountSql(selectFrom), extra, plan.Parameters,
                r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), t);
            return rows[0];
        }, ct);
}
