using System.Data.Common;

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
}
