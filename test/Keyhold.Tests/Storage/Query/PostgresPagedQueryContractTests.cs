using Keyhold.Storage;
using Keyhold.Storage.Query;
using Keyhold.Tests.Ontap;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage.Query;

public sealed class PostgresPagedQueryContractTests : PagedQueryContract
{
    private PostgresDatabase? database;

    protected override IStore OpenStore()
    {
        database = StoreFixtures.Postgres();
        return StoreFixtures.Postgres(database);
    }

    public override void Dispose()
    {
        base.Dispose();
        database?.Dispose();
    }

    /// <summary>
    /// PostgreSQL parses the TEXT date columns as timestamps, so a date filter compares instants even where the stored
    /// text has another offset and text order disagrees with time order.
    /// </summary>
    [SkippableFact]
    public async Task Date_filters_and_order_compare_times_not_text()
    {
        await Store.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "DELETE FROM widgets", t);
            foreach (var (uuid, created) in new[]
            {
                ("a", "2026-01-01T00:30:00+02:00"), // 2025-12-31T22:30Z: before the bound, though its text sorts after
                ("b", "2025-12-31T23:30:00Z"),      // after the bound, though its text sorts before it
                ("c", "2026-01-01T00:00:00+01:00"), // exactly the bound
                ("d", "2025-12-31T20:00:00-05:00"), // 2026-01-01T01:00Z: after
            })
            {
                await Db.ExecuteAsync(c, tx, "INSERT INTO widgets (uuid, name, created) VALUES (@u, @u, @c)", t, ("@u", uuid), ("@c", created));
            }
            return 0;
        });

        Assert.Equal(["b", "d"], await UuidsAsync("created=>2026-01-01T00:00:00%2B01:00"));
        Assert.Equal(["a", "c"], await UuidsAsync("created=<=2026-01-01T00:00:00%2B01:00"));
        Assert.Equal(["c"], await UuidsAsync("created=2025-12-31T23:00:00Z"));
        Assert.Equal(["a", "c", "b", "d"], await UuidsAsync("order_by=created"));
    }

    private Task<List<string>> UuidsAsync(string query) =>
        Store.QueryPageAsync("SELECT uuid FROM widgets", SqlTranslator.Build(Parse(query), Widgets.Schema, Store.Dialect), r => r.GetString(0), default);
}
