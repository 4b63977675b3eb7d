using System.Text.Json.Nodes;
using Keyhold.Ontap;
using Keyhold.Storage.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>The SQL the translator emits, run on a real SQLite table, selects exactly what the in-memory evaluation selects.</summary>
public sealed class SqliteEquivalenceTests : IDisposable
{
    private readonly WidgetStore _store = new(60);

    public void Dispose() => _store.Dispose();

    [Theory]
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
        var plan = SqlTranslator.Build(parsed, Widgets.Schema, SqliteDialect.Instance);
        Assert.Empty(plan.Residual);
        var fromStore = Uuids(await _store.FetchAsync(plan, default));

        var everything = _store.All.Select(Widgets.Record).OrderBy(r => (string)r["name"]!, StringComparer.Ordinal).ThenBy(r => (string)r["uuid"]!, StringComparer.Ordinal);
        var inMemory = Uuids([.. everything.Where(r => parsed.Filters.All(f => f.Matches(r)))]);
        Assert.Equal(inMemory, fromStore);
        Assert.NotEmpty(inMemory); // every case above selects something...
        Assert.NotEqual(_store.All.Count, inMemory.Count); // ...and filters something out
    }

    [Theory]
    [InlineData("order_by=size")]
    [InlineData("order_by=size desc")]
    [InlineData("order_by=comment")]
    [InlineData("order_by=comment desc,size")]
    [InlineData("order_by=enabled,created desc")]
    public async Task Store_order_matches_in_memory_order(string query)
    {
        var parsed = Parse(query);
        var plan = SqlTranslator.Build(parsed, Widgets.Schema, SqliteDialect.Instance);
        var fromStore = Uuids(await _store.FetchAsync(plan, default));
        var defaultOrder = _store.All.Select(Widgets.Record).OrderBy(r => (string)r["name"]!, StringComparer.Ordinal).ThenBy(r => (string)r["uuid"]!, StringComparer.Ordinal).ToList();
        var inMemory = Uuids(RecordSorter.Sort(defaultOrder, parsed.OrderBy));
        Assert.Equal(inMemory, fromStore);
    }

    private static CollectionQuery Parse(string query) =>
        CollectionQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), Widgets.Schema);

    private static List<string> Uuids(IEnumerable<JsonObject> records) => [.. records.Select(r => (string)r["uuid"]!)];
}
