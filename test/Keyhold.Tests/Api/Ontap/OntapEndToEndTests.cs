using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Storage.Query;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>The engine wired into a real minimal-API pipeline (TestServer), the way the host is expected to do it.</summary>
public sealed class OntapEndToEndTests : IAsyncLifetime
{
    private readonly WidgetStore _store = new(12);
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<ISqlDialect>(SqliteDialect.Instance);
        // The request helpers shape resources as the cluster's ONTAP release has them: the default release.
        builder.Services.AddSingleton(new global::Keyhold.Cluster.OntapOptions().Parsed!);
        _app = builder.Build();
        _app.UseOntapErrors();
        // A lone HttpContext parameter would bind the lambda as a RequestDelegate and drop the IResult: cast to Delegate.
        _app.MapGet(Widgets.Collection, (Delegate)((HttpContext http) => OntapCollection.GetAsync(http, Widgets.Schema, _store.FetchAsync)));
        _app.MapGet(Widgets.Collection + "/{uuid}", async (HttpContext http, string uuid) =>
        {
            var matches = await _store.FetchAsync(SqlTranslator.Build(CollectionQuery.ParseFilters(new QueryCollection(), Widgets.Schema), Widgets.Schema, SqliteDialect.Instance), http.RequestAborted);
            var record = matches.FirstOrDefault(r => (string?)r["uuid"] == uuid) ?? throw OntapErrors.EntryNotFound.With("uuid");
            return OntapInstance.Get(http, Widgets.Schema, record);
        });
        _app.MapPost(Widgets.Collection, async (HttpContext http) =>
        {
            OntapBody.ValidateQuery(http);
            var body = await OntapBody.ReadAsync(http, Widgets.Schema, Operation.Create);
            var uuid = "new-" + body.GetString("name");
            var record = new JsonObject { ["uuid"] = uuid, ["_links"] = OntapLinks.Self(OntapLinks.Instance(Widgets.Collection, uuid)) };
            return OntapResults.Created(http, OntapLinks.Instance(Widgets.Collection, uuid), record);
        });
        _app.MapDelete(Widgets.Collection, (Delegate)(async (HttpContext http) =>
            OntapResults.Ok(http, (await OntapCollection.MatchAsync(http, Widgets.Schema, _store.FetchAsync)).Count)));
        _app.Map("/api/{**rest}", () => OntapResults.NotFoundApi());
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task Ansible_rest_info_walk_with_next_links()
    {
        var uuids = new List<string>();
        for (var href = "/api/test/widgets?max_records=5&fields=name%2Csvm.name"; href is not null;)
        {
            using var response = await _client.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            uuids.AddRange(body["records"]!.AsArray().Select(r => (string)r!["uuid"]!));
            href = (string?)body["_links"]!["next"]?["href"];
        }

        Assert.Equal(12, uuids.Distinct().Count());
        Assert.Equal(12, uuids.Count);
    }

    [Fact]
    public async Task Instance_get_and_not_found()
    {
        var uuid = _store.All[3].Uuid;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/test/widgets/{uuid}?fields=name");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($$"""{"uuid":"{{uuid}}","name":"W003"}""", await response.Content.ReadAsStringAsync());

        using var missing = await _client.GetAsync("/api/test/widgets/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("""{"error":{"message":"entry doesn't exist","code":"4","target":"uuid"}}""", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_returns_location_and_errors_use_the_envelope()
    {
        using var created = await _client.PostAsync("/api/test/widgets?return_timeout=30&return_records=true",
            new StringContent("""{"name":"a","svm.name":"vs0"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/test/widgets/new-a", created.Headers.Location?.OriginalString);
        Assert.Equal(1, (int)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["num_records"]!);

        using var readOnly = await _client.PostAsync("/api/test/widgets", new StringContent("""{"uuid":"x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, readOnly.StatusCode);
        Assert.Equal("""{"error":{"message":"Field \"uuid\" cannot be set in this operation.","code":"262196","target":"uuid"}}""", await readOnly.Content.ReadAsStringAsync());

        using var broken = await _client.PostAsync("/api/test/widgets", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal("262185", (string?)JsonNode.Parse(await broken.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task Query_based_delete_and_unknown_api()
    {
        using var deleted = await _client.DeleteAsync("/api/test/widgets?return_timeout=30&svm.name=vs0");
        Assert.Equal("""{"num_records":4}""", await deleted.Content.ReadAsStringAsync());

        using var unknown = await _client.GetAsync("/api/storage/nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("3", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!["code"]);
    }
}
