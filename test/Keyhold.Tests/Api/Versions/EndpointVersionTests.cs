using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Versions;

/// <summary>An endpoint newer than the cluster's release answers as that release answers an unknown API: 404, code 3.</summary>
public sealed class EndpointVersionTests
{
    [Fact]
    public async Task Key_ids_came_in_9_11_so_a_9_10_cluster_answers_api_not_found_and_a_9_11_cluster_answers()
    {
        var old = At("9.10.1");
        var km = await OnboardSetup.EnableAsync(old.Admin());
        var node = StoreProbe.Rows(old.DataDir, "SELECT uuid FROM nodes")[0][0];

        (await old.Admin().GetJsonAsync($"/api/security/key-managers/{km}/keys/{node}/key-ids"))
            .AssertError(HttpStatusCode.NotFound, "3", "API not found");
        old.Dispose();

        // The same cluster restarted as 9.11.1.
        using var newer = new KeyholdFactory(old.DataDir) { Settings = { ["Keyhold:Ontap:Version"] = "9.11.1" } };
        var listed = await newer.Admin().GetJsonAsync($"/api/security/key-managers/{km}/keys/{node}/key-ids");
        listed.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_endpoint_9_7_lacks_is_checked_after_authentication_like_any_unknown_api()
    {
        using var factory = At("9.7.0");

        var anonymous = await factory.CreateClient().GetJsonAsync($"/api/security/key-managers/{Guid.NewGuid()}/keys/{Guid.NewGuid()}/key-ids");
        var unknown = await factory.CreateClient().GetJsonAsync("/api/storage/nothing-here");

        Assert.Equal(unknown.Status, anonymous.Status);
    }

    private static KeyholdFactory At(string release) => new() { Settings = { ["Keyhold:Ontap:Version"] = release } };
}
