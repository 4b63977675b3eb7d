using System.Net;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Storage;

/// <summary>
/// Issue 14: on PostgreSQL a fold of the kept row counts deletes the rows it folded, and dead rows stay in the table until
/// a VACUUM; the node vacuums <c>row_counts</c> after each fold that folded something, so the dead rows of one fold
/// are gone before the next, instead of piling up until autovacuum comes round (at most once a minute).
/// </summary>
public sealed class RowCountReclaimTests
{
    [SkippableFact]
    public async Task A_fold_on_postgres_is_followed_by_a_vacuum_of_row_counts_and_counts_stay_right()
    {
        using var database = StoreFixtures.Postgres();
        using var factory = new KeyholdFactory(postgres: database.ConnectionString);
        var admin = factory.Admin();
        await OnboardSetup.EnableAsync(admin);
        await VolumeSetup.SvmAsync(admin, "vs1");
        // Whatever folds the start-up made are over once this many have happened; only the POSTs' rows are left.
        var before = Vacuums(database);
        for (var i = 0; i < 24; i++)
        {
            await VolumeSetup.VolumeAsync(admin, $"reclaimed{i:D2}", "vs1", encrypted: true);
        }
        Assert.True(Spread(database) > 0, "the POSTs appended count rows that are not folded yet");

        // The node's own compactor folds (every 5 s when idle) and then vacuums: no call of ours makes it happen.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while ((Vacuums(database) <= before || Spread(database) > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.True(Vacuums(database) > before, $"row_counts was not vacuumed after the fold (vacuum_count {Vacuums(database)}, was {before})");
        Assert.Equal(0L, Spread(database));

        // What the counts say through REST is still what the tables hold.
        var counted = await admin.GetJsonAsync("/api/storage/volumes?return_records=false");
        counted.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(24, counted.Body!["num_records"]!.GetValue<long>());
        Assert.Equal(24L, database.Rows("SELECT COUNT(*) FROM volumes")[0][0]);
    }

    [SkippableFact]
    public async Task Only_a_plain_table_name_reaches_the_vacuum_statement()
    {
        using var database = StoreFixtures.Postgres();
        using var store = new PostgresStore(database.ConnectionString);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReclaimAsync("row_counts; DROP TABLE keys"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReclaimAsync(""));
    }

    /// <summary>Manual VACUUMs of row_counts so far (autovacuum's are counted apart, in autovacuum_count).</summary>
    private static long Vacuums(PostgresDatabase database) =>
        database.Rows("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'row_counts'") is [var row] ? (long)row[0]! : 0;

    /// <summary>Count rows beyond one per name: what the next fold would fold.</summary>
    private static long Spread(PostgresDatabase database) =>
        (long)database.Rows("SELECT COUNT(*) - COUNT(DISTINCT name) FROM row_counts")[0][0]!;
}
