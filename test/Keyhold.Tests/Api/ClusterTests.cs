using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

public sealed class ClusterTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task Cluster_reports_the_default_release_9_16_1_with_all_four_version_fields()
    {
        var got = await factory.Admin().GetJsonAsync("/api/cluster?fields=version");

        got.AssertStatus(HttpStatusCode.OK);
        var version = got.Body!["version"]!;
        Assert.Equal(9, version["generation"]!.GetValue<int>());
        Assert.Equal(16, version["major"]!.GetValue<int>());
        Assert.Equal(1, version["minor"]!.GetValue<int>());
        Assert.StartsWith("NetApp Release 9.16.1", version["full"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cluster_uuid_and_name_match_the_store()
    {
        var got = await factory.Admin().GetJsonAsync("/api/cluster");

        var stored = StoreProbe.Rows(factory.DataDir, "SELECT uuid, name FROM cluster")[0];
        Assert.Equal(stored[0], got.Body!["uuid"]!.GetValue<string>());
        Assert.Equal(stored[1], got.Body["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nodes_lists_this_node_up_with_its_version()
    {
        var got = await factory.Admin().GetJsonAsync("/api/cluster/nodes?fields=*");

        got.AssertStatus(HttpStatusCode.OK);
        var node = Assert.Single(got.Body!["records"]!.AsArray())!;
        Assert.Equal("up", node["state"]!.GetValue<string>());
        Assert.Equal(16, node["version"]!["major"]!.GetValue<int>());
        Assert.Equal(StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM nodes")[0][0], node["uuid"]!.GetValue<string>());
        (await factory.Admin().GetJsonAsync($"/api/cluster/nodes/{node["uuid"]}")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_api_path_is_404_code_3_and_unknown_job_is_404_code_4()
    {
        (await factory.Admin().GetJsonAsync("/api/storage/nothing-here")).AssertError(HttpStatusCode.NotFound, "3");
        (await factory.Admin().GetJsonAsync($"/api/cluster/jobs/{Guid.NewGuid()}")).AssertError(HttpStatusCode.NotFound, "4");
    }

    [Fact]
    public async Task A_known_path_with_an_unsupported_method_is_405_in_the_error_envelope()
    {
        (await factory.Admin().SendAsync(HttpMethod.Put, "/api/security/key-managers", new { })).AssertError(HttpStatusCode.MethodNotAllowed, "5");
    }

    public void Dispose() => factory.Dispose();
}
