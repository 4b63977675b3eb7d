using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

/// <summary>
/// Issue 12 scope 3: what na_ontap_rest_info's <c>gather_subset: all</c> sends beyond the subsets Keyhold implements.
/// The module tolerates only a JSON error with code "3"; any other answer (an empty 404, another code) fails the run.
/// </summary>
public sealed class RestInfoPathTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Theory]
    [InlineData("GET", "/api/cluster/chassis?max_records=1024&fields=")]
    [InlineData("POST", "/api/cluster/metrocluster/diagnostics")]
    [InlineData("GET", "/api/cluster/metrocluster/diagnostics?max_records=1024&fields=")]
    [InlineData("GET", "/api//private/cli/system/node/autosupport/check/details?max_records=1024")]
    [InlineData("PATCH", "/api/no/such/thing")]
    [InlineData("DELETE", "/api//no//such/thing")]
    [InlineData("PUT", "/api/security/key-manager-nothing")]
    public async Task Unknown_api_paths_answer_json_404_code_3_whatever_the_method(string method, string path)
    {
        // No body at all, as the module's diagnostics POST.
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await factory.Admin().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "application/json", "application/hal+json" });
        var error = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("3", error["code"]!.GetValue<string>());
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    /// <summary>The module sends max_records and an empty fields to every subset, singletons such as security/audit included.</summary>
    [Fact]
    public async Task The_audit_singleton_takes_max_records_as_rest_info_sends_it()
    {
        (await factory.Admin().PatchJsonAsync("/api/security/audit", new { cli = true })).AssertStatus(HttpStatusCode.OK);

        var got = await factory.Admin().GetJsonAsync("/api/security/audit?max_records=1024&fields=");

        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1L, StoreProbe.Rows(factory.DataDir, "SELECT cli FROM audit_settings").Single()[0]);
        Assert.True(got.Body!["cli"]!.GetValue<bool>());
        // Still checked as a number, as on /api/cluster.
        (await factory.Admin().GetJsonAsync("/api/security/audit?max_records=none")).AssertError(HttpStatusCode.BadRequest, "262197");
    }

    public void Dispose() => factory.Dispose();
}
