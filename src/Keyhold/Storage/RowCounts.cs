using System.Data.Common;
using System.Globalization;

namespace Keyhold.Storage;

/// <summary>
/// Counts of rows kept beside them (table <c>row_counts</c>, the row-counts schema step): triggers append +1 / -1 under each name a
/// row counts for in the transaction that inserts or deletes it, and <see cref="RowCountCompactor"/> folds each name's
/// rows into one. So an unfiltered count reads a handful of index entries, whatever the size of the table.
/// </summary>
public static class RowCounts
{
    /// <summary>The table the counts are kept in.</summary>
    public const string Table = "row_counts";

    /// <summary>Every volume.</summary>
    public const string Volumes = "volumes";

    /// <summary>The volumes of one SVM.</summary>
    public static string VolumesOf(Guid svm) => "volumes svm=" + svm.ToString();

    /// <summary>The keys of one key manager.</summary>
    public static string KeysOf(Guid keyManager) => "keys km=" + keyManager.ToString();

    /// <summary>The count under <paramref name="name"/> (0 when nothing was ever counted under it), in one read.</summary>
    public static Task<long> ReadAsync(IStore store, string name, CancellationToken ct) =>
        store.ReadAsync((c, t) => ReadAsync(c, null, name, t), ct);

    public static async Task<long> ReadAsync(DbConnection c, DbTransaction? tx, string name, CancellationToken ct) =>
        Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COALESCE(SUM(n), 0) FROM row_counts WHERE name = @n", ct, ("@n", name)) ?? 0L,
            CultureInfo.InvariantCulture);

    /// <summary>
    /// Folds every name that has more than one row into one row (none when its sum is 0), in one write; returns how many
    /// names it folded. Rows appended by concurrent writers that this transaction does not see are left for next time.
    /// </summary>
    public static async Task<int> CompactAsync(IStore store, CancellationToken ct)
    {
        // A read first: an idle store costs no write (no commit, no fsync) per interval.
        var spread = await store.ReadAsync((c, t) => Db.QueryAsync(c, null,
            "SELECT name FROM row_counts GROUP BY name HAVING COUNT(*) > 1", r => r.GetString(0), t), ct);
        if (spread.Count == 0)
            return 0;
        return await store.WriteAsync(async (c, tx, t) =>
        {
            var folded = 0;
            foreach (var name in spread)
            {
                var total = await ReadAsync(c, tx, name, t);
                await Db.ExecuteAsync(c, tx, "DELETE FROM row_counts WHERE name = @n", t, ("@n", name));
                if (total != 0)
                    await Db.ExecuteAsync(c, tx, "INSERT INTO row_counts (name, n) VALUES (@n, @v)", t, ("@n", name), ("@v", total));
                folded++;
            }

            return folded;
        }, ct);
    }
}
