using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

/// <summary>The ONTAP REST conventions, driven through a real resource (SVMs) end to end.</summary>
public sealed class ConventionsTests : IClassFixture<ConventionsTests.Seeded>
{
    private readonly Seeded seeded;

    public ConventionsTests(Seeded seeded) => this.seeded = seeded;

    public sealed class Seeded : IAsyncLifetime
    {
        public KeyholdFactory Factory { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = Factory.Admin();
            for (var i = 0; i < 25; i++)
            {
                var state = i % 5 == 0 ? "stopped" : "running";
                (await Client.PostJsonAsync("/api/svm/svms", new { name = $"vs{i:D2}", state })).AssertStatus(HttpStatusCode.Created);
            }
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private HttpClient Client => seeded.Client;

    private static List<string> Names(JsonNode body) => body["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Default_fields_are_the_key_fields_and_links()
    {
        var got = await Client.GetJsonAsync("/api/svm/svms?max_records=1");

        var record = got.Body!["records"]![0]!.AsObject();
        Assert.Equal(["uuid", "name", "_links"], record.Select(p => p.Key).OrderBy(k => k == "_links").ThenBy(k => k == "name").ToList());
        Assert.Equal(1, got.Body["num_records"]!.GetValue<int>());
    }

    [Fact]
    public async Task Max_records_pages_follow_next_links_and_see_every_record_once()
    {
        var seen = new List<string>();
        var url = "/api/svm/svms?max_records=7&fields=state";
        var pages = 0;
        while (url is not null)
        {
            var page = await Client.GetJsonAsync(url);
            page.AssertStatus(HttpStatusCode.OK);
            seen.AddRange(Names(page.Body!));
            Assert.Equal(page.Body!["records"]!.AsArray().Count, page.Body["num_records"]!.GetValue<int>());
            url = page.Body["_links"]?["next"]?["href"]?.GetValue<string>();
            Assert.True(url is null || url.StartsWith("/api/svm/svms?", StringComparison.Ordinal));
            pages++;
        }
        Assert.Equal(4, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"vs{i:D2}"), seen);
    }

    [Theory]
    [InlineData("name=vs0*", 10)]
    [InlineData("name=!vs0*", 15)]
    [InlineData("name=vs01|vs02|vs24", 3)]
    [InlineData("state=stopped", 5)]
    [InlineData("state=!stopped", 20)]
    [InlineData("name=>vs20", 4)]
    [InlineData("name=>=vs20", 5)]
    [InlineData("name=<vs02", 2)]
    [InlineData("name=<=vs02", 3)]
    [InlineData("name=vs03..vs06", 4)]
    [InlineData("name=*2*", 7)]
    [InlineData("name=VS1*", 10)]
    [InlineData("name=null", 0)]
    [InlineData("name=!null", 25)]
    public async Task Query_filters_on_every_operator(string filter, int expected)
    {
        var got = await Client.GetJsonAsync($"/api/svm/svms?{filter}&max_records=100");

        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(expected, got.Body!["num_records"]!.GetValue<int>());
    }

    [Fact]
    public async Task Order_by_descending_and_return_records_false()
    {
        var ordered = await Client.GetJsonAsync("/api/svm/svms?order_by=name%20desc&max_records=3");
        Assert.Equal(["vs24", "vs23", "vs22"], Names(ordered.Body!));

        var count = await Client.GetJsonAsync("/api/svm/svms?return_records=false");
        Assert.Equal(25, count.Body!["num_records"]!.GetValue<int>());
        Assert.Null(count.Body["records"]);
    }

    [Fact]
    public async Task Unknown_query_parameter_is_262179_and_bad_fields_is_262197()
    {
        (await Client.GetJsonAsync("/api/svm/svms?colour=blue")).AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"colour\".", "colour");
        (await Client.GetJsonAsync("/api/svm/svms?fields=nope")).AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
        (await Client.GetJsonAsync("/api/svm/svms?max_records=many")).AssertError(HttpStatusCode.BadRequest, "262197", target: "max_records");
        (await Client.GetJsonAsync("/api/svm/svms?order_by=nope")).AssertError(HttpStatusCode.BadRequest, "262197", target: "order_by");
    }

    [Fact]
    public async Task Accept_application_json_drops_links_but_keeps_next()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/svm/svms?max_records=2");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Null(body["records"]![0]!["_links"]);
        Assert.NotNull(body["_links"]!["next"]);
        Assert.Null(body["_links"]!["self"]);

        var hal = await Client.GetJsonAsync("/api/svm/svms?max_records=2");
        Assert.NotNull(hal.Body!["records"]![0]!["_links"]!["self"]);
        Assert.Equal("application/hal+json", hal.Response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Double_slash_next_links_built_by_ansible_still_resolve()
    {
        var got = await Client.GetJsonAsync("/api//svm/svms?max_records=1024&fields=");

        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(25, got.Body!["num_records"]!.GetValue<int>());
    }
}
