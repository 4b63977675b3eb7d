using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Api.Ontap;

public sealed class OntapCollectionTests : IDisposable
{
    private readonly WidgetStore _store = new(45);

    public void Dispose() => _store.Dispose();

    private List<string> DefaultOrder() =>
        [.. _store.All.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Uuid, StringComparer.Ordinal).Select(r => r.Uuid)];

    [Fact]
    public async Task Default_get_returns_keys_links_count_and_self()
    {
        var response = await CollectionRunner.GetAsync(_store, "/api/test/widgets");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/hal+json", response.ContentType);
        var body = response.Object;
        Assert.Equal(["records", "num_records", "_links"], body.Select(p => p.Key));
        Assert.Equal(45, (int)body["num_records"]!);
        var first = body["records"]![0]!.AsObject();
        Assert.Equal(["uuid", "_links"], first.Select(p => p.Key));
        Assert.Equal("/api/test/widgets", (string?)body["_links"]!["self"]!["href"]);
        Assert.Null(body["_links"]!["next"]);
        Assert.Equal(DefaultOrder(), CollectionRunner.Uuids([body]));
    }

    [Fact]
    public async Task Self_echoes_the_query_as_received()
    {
        var body = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?fields=name%2Csize&svm.name=vs0")).Object;
        Assert.Equal("/api/test/widgets?fields=name%2Csize&svm.name=vs0", (string?)body["_links"]!["self"]!["href"]);
        Assert.Equal(["uuid", "name", "size", "_links"], body["records"]![0]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("max_records=7", true)]
    [InlineData("max_records=1", true)]
    [InlineData("max_records=45", true)]
    [InlineData("max_records=44", true)]
    [InlineData("max_records=10&svm.name=vs1", true)]
    [InlineData("max_records=4&tags=common", false)] // array filter: paged in memory
    [InlineData("max_records=6&order_by=label desc", false)] // no column: sorted in memory
    [InlineData("max_records=5&order_by=size desc&name=w0*", true)]
    public async Task Following_next_returns_every_record_exactly_once_in_order(string query, bool pagedInStore)
    {
        var all = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?" + RemoveMax(query))).Object;
        var expected = CollectionRunner.Uuids([all]);
        Assert.Null(all["_links"]!["next"]);

        var pages = await CollectionRunner.GetAllPagesAsync(_store, "/api/test/widgets?fields=name&" + query);
        var max = int.Parse(query.Split('&')[0]["max_records=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, CollectionRunner.Uuids(pages));
        Assert.All(pages, p => Assert.Equal(p["records"]!.AsArray().Count, (int)p["num_records"]!));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(max, (int)p["num_records"]!));
        Assert.Equal((expected.Count + max - 1) / max, pages.Count);
        Assert.All(pages, p => Assert.NotNull(p["records"]![0]!["name"])); // fields survive the next links
        Assert.Equal(pagedInStore, _store.Statements.Skip(1).All(s => s.Contains(" LIMIT ", StringComparison.Ordinal)));

        static string RemoveMax(string q) => string.Join('&', q.Split('&').Where(p => !p.StartsWith("max_records", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Order_by_an_array_field_sorts_in_memory_by_the_first_element()
    {
        var body = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?order_by=servers.server desc&fields=servers.server")).Object;
        var firsts = body["records"]!.AsArray().Select(r => (string?)r!["servers"]?[0]?["server"]).ToList();
        Assert.Equal(firsts.OrderByDescending(s => s, StringComparer.Ordinal), firsts);
        Assert.Null(firsts[^1]); // records without servers sort first ascending, so last descending
    }

    [Fact]
    public async Task Wildcards_are_case_insensitive_in_the_store()
    {
        var body = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?name=w01*&fields=name")).Object;
        var names = body["records"]!.AsArray().Select(r => (string)r!["name"]!).ToList();
        Assert.Contains("W010", names);
        Assert.Contains("w011", names);
    }

    [Fact]
    public async Task Store_paging_reads_only_one_page_plus_one_row()
    {
        var page = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?max_records=10&start.offset=30")).Object;
        Assert.Equal(10, (int)page["num_records"]!);
        Assert.Equal(11, _store.RowsRead);
        Assert.Equal(DefaultOrder().Skip(30).Take(10), CollectionRunner.Uuids([page]));
        Assert.Equal("/api/test/widgets?max_records=10&start.offset=40", (string?)page["_links"]!["next"]!["href"]);
    }

    [Fact]
    public async Task Next_keeps_the_original_encoding_and_replaces_the_old_continuation()
    {
        var page = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?start.offset=2&fields=name%2Csvm.name&max_records=3&name=w*")).Object;
        Assert.Equal("/api/test/widgets?fields=name%2Csvm.name&max_records=3&name=w*&start.offset=5", (string?)page["_links"]!["next"]!["href"]);
    }

    [Fact]
    public async Task Return_records_false_returns_only_the_count()
    {
        var body = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?return_records=false&svm.name=vs0")).Object;
        Assert.Equal(["num_records", "_links"], body.Select(p => p.Key));
        Assert.Equal(15, (int)body["num_records"]!);
    }

    [Fact]
    public async Task Residual_filters_combine_with_store_filters()
    {
        var body = (await CollectionRunner.GetAsync(_store, "/api/test/widgets?tags=t1&svm.name=vs1&fields=tags,svm.name")).Object;
        var expected = _store.All.Where(r => r.Tags.Contains("t1") && r.SvmName == "vs1").Select(r => r.Uuid).Order(StringComparer.Ordinal);
        Assert.Equal(expected, CollectionRunner.Uuids([body]).Order(StringComparer.Ordinal));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task Accept_json_strips_links_but_keeps_next()
    {
        var response = await CollectionRunner.GetAsync(_store, "/api/test/widgets?fields=*&max_records=2", "application/json");
        Assert.Equal("application/json", response.ContentType);
        Assert.DoesNotContain("\"self\"", response.Text, StringComparison.Ordinal);
        Assert.Equal(["next"], response.Object["_links"]!.AsObject().Select(p => p.Key));
        Assert.NotNull(response.Object["records"]![0]!["svm"]!["name"]);
    }

    [Theory]
    [InlineData("application/hal+json")]
    [InlineData("*/*")]
    [InlineData("text/html")]
    [InlineData("application/json, application/hal+json")]
    public async Task Other_accept_values_keep_links(string accept)
    {
        var response = await CollectionRunner.GetAsync(_store, "/api/test/widgets?fields=svm.name&max_records=1", accept);
        Assert.Equal("application/hal+json", response.ContentType);
        Assert.NotNull(response.Object["records"]![0]!["svm"]!["_links"]);
        Assert.NotNull(response.Object["_links"]!["self"]);
    }

    [Fact]
    public async Task Unknown_parameter_is_262179()
    {
        await OntapAssert.ThrowsAsync(OntapErrors.UnexpectedArgument, "colour",
            () => CollectionRunner.GetAsync(_store, "/api/test/widgets?colour=red"));
    }

    [Fact]
    public async Task Fetch_sees_the_query_to_skip_expensive_fields()
    {
        foreach (var (query, expensive) in new[] { ("fields=*", false), ("fields=status.code", true), ("fields=**", true) })
        {
            bool? seen = null;
            var context = OntapTestHttp.Context("/api/test/widgets?" + query);
            // The rows are read while the page is written, so the fetch runs when the result executes.
            await OntapTestHttp.ExecuteAsync(await OntapCollection.GetAsync(context, Widgets.Schema, (plan, token) =>
            {
                seen = plan.Query.Fields.IncludesExpensive;
                return _store.FetchAsync(plan, token);
            }), context);
            Assert.Equal(expensive, seen);
        }
    }

    [Fact]
    public async Task Return_timeout_expiry_returns_an_empty_page_with_next_to_resume()
    {
        var context = OntapTestHttp.Context("/api/test/widgets?return_timeout=1&start.offset=4");
        var result = await OntapCollection.GetAsync(context, Widgets.Schema, async (plan, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return [];
        });
        var body = (await OntapTestHttp.ExecuteAsync(result, context)).Object;
        Assert.Equal(0, (int)body["num_records"]!);
        Assert.Equal("/api/test/widgets?return_timeout=1&start.offset=4", (string?)body["_links"]!["next"]!["href"]);
    }

    [Fact]
    public async Task MatchAsync_returns_every_matching_full_record()
    {
        var context = OntapTestHttp.Context("/api/test/widgets?svm.name=vs2&tags=t3&return_timeout=30", method: "DELETE");
        var matches = await OntapCollection.MatchAsync(context, Widgets.Schema, _store.FetchAsync);
        var expected = _store.All.Where(r => r.SvmName == "vs2" && r.Tags.Contains("t3")).Select(r => r.Uuid).Order(StringComparer.Ordinal);
        Assert.Equal(expected, matches.Select(r => (string)r["uuid"]!).Order(StringComparer.Ordinal));
        Assert.All(matches, r => Assert.NotNull(r["secret"])); // full records, not projections

        var none = await OntapCollection.MatchAsync(OntapTestHttp.Context("/api/test/widgets?name=nothing"), Widgets.Schema, _store.FetchAsync);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Records_never_carry_write_only_fields()
    {
        var response = await CollectionRunner.GetAsync(_store, "/api/test/widgets?fields=**");
        Assert.DoesNotContain("s3cret", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("never-returned", response.Text, StringComparison.Ordinal);
        Assert.Contains("\"status\"", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_table_page_cost_does_not_grow_with_the_table()
    {
        using var big = new WidgetStore(5000);
        var page = (await CollectionRunner.GetAsync(big, "/api/test/widgets?max_records=100&svm.name=vs1&order_by=size")).Object;
        Assert.Equal(100, (int)page["num_records"]!);
        Assert.Equal(101, big.RowsRead);
        var records = page["records"]!.AsArray().Select(r => (JsonObject)r!).ToList();
        Assert.Equal(100, records.Count);
    }
}
