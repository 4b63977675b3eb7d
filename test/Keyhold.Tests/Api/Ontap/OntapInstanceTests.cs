using Keyhold.Api.Ontap;
using Keyhold.Ontap;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Api.Ontap;

public class OntapInstanceTests
{
    private static readonly Widgets.Row Row = Widgets.Seed(3)[1];

    private static async Task<OntapTestHttp.Response> GetAsync(string query, string? accept = null)
    {
        var context = OntapTestHttp.Context("/api/test/widgets/" + Row.Uuid + query, accept);
        return await OntapTestHttp.ExecuteAsync(OntapInstance.Get(context, Widgets.Schema, Widgets.Record(Row)), context);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?fields=")]
    [InlineData("?fields=*")]
    [InlineData("?return_timeout=15")]
    public async Task Default_is_all_non_expensive_fields_without_envelope(string query)
    {
        var response = await GetAsync(query);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/hal+json", response.ContentType);
        var body = response.Object;
        Assert.Equal(["uuid", "name", "size", "enabled", "created", "comment", "label", "svm", "tags", "servers", "onboard", "_links"], body.Select(p => p.Key));
        Assert.Null(body["status"]);
    }

    [Fact]
    public async Task Fields_select_and_expensive_fields_on_request()
    {
        var body = (await GetAsync("?fields=status,svm.name")).Object;
        Assert.Equal(["uuid", "svm", "status", "_links"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task Accept_json_strips_every_link()
    {
        var response = await GetAsync("?fields=**", "application/json");
        Assert.Equal("application/json", response.ContentType);
        Assert.DoesNotContain("_links", response.Text, StringComparison.Ordinal);
        Assert.Equal("vs1", (string?)response.Object["svm"]!["name"]);
    }

    [Theory]
    [InlineData("?max_records=1", "max_records")]
    [InlineData("?name=w001", "name")]
    [InlineData("?order_by=name", "order_by")]
    public async Task Anything_but_fields_and_return_timeout_is_262179(string query, string target) =>
        await OntapAssert.ThrowsAsync(OntapErrors.UnexpectedArgument, target, () => GetAsync(query));

    [Theory]
    [InlineData("?fields=bogus", "fields")]
    [InlineData("?return_timeout=500", "return_timeout")]
    public async Task Bad_values_are_262197(string query, string target) =>
        await OntapAssert.ThrowsAsync(OntapErrors.InvalidFieldValue, target, () => GetAsync(query));
}
