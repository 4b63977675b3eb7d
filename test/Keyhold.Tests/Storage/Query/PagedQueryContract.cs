using Keyhold.Ontap;
using Keyhold.Storage;
using Keyhold.Storage.Query;
using Keyhold.Tests.Ontap;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Keyhold.Tests.Storage.Query;

/// <summary>
/// The SQL the translator emits for the store's own dialect, run by <see cref="PagedQuery"/> on a real store, selects
/// and orders exactly what the in-memory evaluation does. Each store runs it through a subclass.
/// </summary>
public abstract class PagedQueryContract : IDisposable
{
    private const string SelectUuids = "SELECT uuid FROM widgets";

    private IStore? store;
    private IReadOnlyList<Widgets.Row>? rows;

    /// <summary>The store under test, holding the 60 seeded widgets (dates stored as the schema stores them).</summary>
    protected IStore Store => store ??= Create();

    /// <summary>A new, empty store (skips the test when its engine is not available).</summary>
    protected abstract IStore OpenStore();

    public virtual void Dispose()
    {
        (store as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    private IStore Create()
    {
        var created = OpenStore();
        rows = Widgets.Seed(60);
        created.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "CREATE TABLE widgets (uuid TEXT PRIMARY KEY, name TEXT NOT NULL, size BIGINT, enabled BOOLEAN, created TEXT, " +
                "comment TEXT, svm_name TEXT, svm_uuid TEXT, status_code BIGINT, secret TEXT)", t);
            foreach (var row in rows)
            {
                // (@e = 1): a boolean in either store (Db binds booleans as 1/0).
                await Db.ExecuteAsync(c, tx, "INSERT INTO widgets VALUES (@u, @n, @s, (@e = 1), @c, @m, @v, @vu, @sc, 'x')", t,
                    ("@u", row.Uuid), ("@n", row.Name), ("@s", (long)row.Size), ("@e", row.Enabled), ("@c", SqliteDialect.FormatDateTime(row.Created)),
                    ("@m", row.Comment), ("@v", row.SvmName), ("@vu", "svm-" + row.SvmName), ("@sc", (long)row.StatusCode));
            }
            return 0;
        }).GetAwaiter().GetResult();
        return created;
    }

    [SkippableTheory]
    [InlineData("name=w001")]
    [InlineData("name=W00*")]
    [InlineData("name=w01*")] // case-insensitive: W010 and W017 too
    [InlineData("name=*1*")]
    [InlineData("name=!*1*")]
    [InlineData("name=w00*|*5")]
    [InlineData("name=<w010")]
    [InlineData("name=W..w010")]
    [InlineData("size=5")]
    [InlineData("size=!5")]
    [InlineData("size=<5|>20")]
    [InlineData("size=3..9")]
    [InlineData("size=!3..9")]
    [InlineData("size=>=22")]
    [InlineData("size=<=0")]
    [InlineData("enabled=true")]
    [InlineData("enabled=false")]
    [InlineData("enabled=!true")]
    [InlineData("created=>2024-01-01T10:00:00Z")]
    [InlineData("created=2024-01-01T05:00:00%2B00:00")]
    [InlineData("created=2024-01-01T02:00:00Z..2024-01-01T09:00:00Z")]
    [InlineData("created=>2024-01-01T12:00:00%2B01:00")] // 11:00 UTC: the offset must count, not the text
    [InlineData("created=<=2024-01-01T07:00:00-03:00")]
    [InlineData("comment=null")]
    [InlineData("comment=!null")]
    [InlineData("comment=c1")]
    [InlineData("comment=!c1")]
    [InlineData("comment=c1|null")]
    [InlineData("comment=*")]
    [InlineData("svm.name=vs0|vs2")]
    [InlineData("svm.name=!vs0|!vs2")]
    [InlineData("svm.uuid=svm-vs1&size=>10")]
    [InlineData("status.code=<3")]
    [InlineData("name=w0*&name=!w00*")]
    [InlineData("size=abc|5", true)]
    public async Task Store_filters_match_in_memory_filters(string query, bool invalid = false)
    {
        if (invalid)
        {
            Assert.Throws<OntapException>(() => Parse(query));
            return;
        }

        var parsed = Parse(query);
        var plan = SqlTranslator.Build(parsed, Widgets.Schema, Store.Dialect);
        Assert.Empty(plan.Residual);
        var fromStore = await Store.QueryPageAsync(SelectUuids, plan, r => r.GetString(0), default);

        var everything = DefaultOrder();
        var inMemory = Uuids([.. everything.Where(r => parsed.Filters.All(f => f.Matches(r)))]);
        Assert.Equal(inMemory, fromStore);
        Assert.NotEmpty(inMemory); // every case above selects something...
        Assert.NotEqual(rows!.Count, inMemory.Count); // ...and filters something out
    }

    [SkippableTheory]
    [InlineData("order_by=size")]
    [InlineData("order_by=size desc")]
    [InlineData("order_by=comment")]
    [InlineData("order_by=comment desc,size")]
    [InlineData("order_by=enabled,created desc")]
    [InlineData("order_by=name desc")]
    public async Task Store_order_matches_in_memory_order(string query)
    {
        var parsed = Parse(query);
        var plan = SqlTranslator.Build(parsed, Widgets.Schema, Store.Dialect);
        var fromStore = await Store.QueryPageAsync(SelectUuids, plan, r => r.GetString(0), default);
        var inMemory = Uuids(RecordSorter.Sort(DefaultOrder(), parsed.OrderBy));
        Assert.Equal(inMemory, fromStore);
    }

    [SkippableFact]
    public async Task Pages_in_the_store_follow_on_without_gaps_or_repeats()
    {
        var seen = new List<string>();
        for (var offset = 0; offset < 70; offset += 7)
        {
            var plan = SqlTranslator.Build(Parse($"size=>3&order_by=created desc&max_records=7&start.offset={offset}"), Widgets.Schema, Store.Dialect);
            Assert.True(plan.PagedInStore);
            var page = await Store.QueryPageAsync(SelectUuids, plan, r => r.GetString(0), default);
            seen.AddRange(page.Take(7));
        }
        var parsed = Parse("size=>3&order_by=created desc");
        var inMemory = Uuids(RecordSorter.Sort([.. DefaultOrder().Where(r => parsed.Filters.All(f => f.Matches(r)))], parsed.OrderBy));
        Assert.Equal(inMemory, seen);
    }

    [SkippableFact]
    public async Task Extra_parameters_bind_beside_the_plans()
    {
        var plan = SqlTranslator.Build(Parse("size=>3"), Widgets.Schema, Store.Dialect);
        var fromStore = await Store.QueryPageAsync(SelectUuids, plan with { Where = $"svm_name = @svm AND ({plan.Where})" }, r => r.GetString(0), default, ("@svm", "vs1"));
        var inMemory = Uuids([.. DefaultOrder().Where(r => (string)r["svm"]!["name"]! == "vs1" && (int)r["size"]! > 3)]);
        Assert.NotEmpty(inMemory);
        Assert.Equal(inMemory, fromStore);
    }

    private List<System.Text.Json.Nodes.JsonObject> DefaultOrder()
    {
        _ = Store;
        return [.. rows!.Select(Widgets.Record).OrderBy(r => (string)r["name"]!, StringComparer.Ordinal).ThenBy(r => (string)r["uuid"]!, StringComparer.Ordinal)];
    }

    protected static CollectionQuery Parse(string query) =>
        CollectionQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), Widgets.Schema);

    private static List<string> Uuids(IEnumerable<System.Text.Json.Nodes.JsonObject> records) => [.. records.Select(r => (string)r["uuid"]!)];
}
