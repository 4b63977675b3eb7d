using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>Stored fields filter, order and page like the columns do (in the store, extracted from the JSON; see JsonFieldTranslationTests).</summary>
public sealed class VolumeAttributeQueryTests
{
    [Fact]
    public async Task Stored_fields_filter_order_and_page_on_sqlite()
    {
        using var factory = new KeyholdFactory();
        await QueriesAsync(factory.Admin());
    }

    [SkippableFact]
    public async Task Stored_fields_filter_order_and_page_on_postgres()
    {
        using var database = PostgresDatabase.Create();
        using var factory = new KeyholdFactory(postgres: database.ConnectionString);
        await QueriesAsync(factory.Admin());
        var stored = JsonNode.Parse((string)database.Rows("SELECT attributes FROM volumes WHERE name = 'c'")[0][0]!)!;
        Assert.Equal("snapshot-only", stored["tiering"]!["policy"]!.GetValue<string>());
    }

    // Sizes below 2 GiB: main's PostgreSQL volumes.size is a 32-bit INTEGER (widened by another schema step).
    private static async Task QueriesAsync(HttpClient client)
    {
        await VolumeSetup.SvmAsync(client, "vs1");
        await VolumeSetup.SvmAsync(client, "vs2");
        await CreateAsync(client, """{"name": "a", "svm.name": "vs1", "aggregates": [{"name": "aggr1"}], "size": 536870912, "tiering.policy": "auto", "nas.path": "/a"}""");
        await CreateAsync(client, """{"name": "b", "svm.name": "vs1", "aggregates": [{"name": "aggr2"}], "size": 1073741824}""");
        await CreateAsync(client, """{"name": "c", "svm.name": "vs2", "aggregates": [{"name": "aggr1"}], "size": 268435456, "tiering.policy": "snapshot-only", "comment": "x"}""");
        await CreateAsync(client, """{"name": "d", "svm.name": "vs2", "aggregates": [{"name": "aggr2"}], "size": 134217728, "tiering.policy": "auto", "nas.path": "/d"}""");

        Assert.Equal(["a", "d"], await NamesAsync(client, "tiering.policy=auto"));
        Assert.Equal(["b", "d"], await NamesAsync(client, "aggregates.name=aggr2"));
        Assert.Equal(["d"], await NamesAsync(client, "aggregates.name=aggr2&svm.name=vs2"));
        Assert.Equal(["a", "d"], await NamesAsync(client, "nas.path=/*"));
        Assert.Equal(["c"], await NamesAsync(client, "comment=!null"));
        Assert.Equal(["a", "b", "c", "d"], await NamesAsync(client, "guarantee.type=volume"));
        Assert.Equal(["b"], await NamesAsync(client, "space.size=>1000000000"));
        Assert.Equal(["b"], await NamesAsync(client, "files.maximum=32768"));
        Assert.Equal(["c", "b", "d", "a"], await NamesAsync(client, "order_by=tiering.policy desc,name desc&fields=tiering"));
        Assert.Empty(await NamesAsync(client, "style=flexgroup"));

        var page = await client.GetJsonAsync("/api/storage/volumes?tiering.policy=!none&max_records=2&order_by=name");
        Assert.Equal(["a", "c"], page.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        var next = await client.GetJsonAsync(page.Body["_links"]!["next"]!["href"]!.GetValue<string>());
        Assert.Equal(["d"], next.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        (await client.GetJsonAsync("/api/storage/volumes?space.snapshot.reserve_percent=five")).AssertError(HttpStatusCode.BadRequest, "262197", target: "space.snapshot.reserve_percent");
    }

    private static async Task CreateAsync(HttpClient client, string body) =>
        (await client.PostJsonAsync("/api/storage/volumes", body)).AssertStatus(HttpStatusCode.Created);

    private static async Task<List<string>> NamesAsync(HttpClient client, string query)
    {
        var got = await client.GetJsonAsync("/api/storage/volumes?" + query);
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
    }
}
