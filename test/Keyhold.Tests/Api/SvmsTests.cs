using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

public sealed class SvmsTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task Svm_create_get_rename_delete()
    {
        var client = factory.Admin();
        var created = await client.PostJsonAsync("/api/svm/svms?return_records=true", new { name = "vs0" });
        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal($"/api/svm/svms/{uuid}", created.Response.Headers.Location!.ToString());

        var got = await client.GetJsonAsync($"/api/svm/svms/{uuid}");
        Assert.Equal("vs0", got.Body!["name"]!.GetValue<string>());
        Assert.Equal("running", got.Body["state"]!.GetValue<string>());

        (await client.PatchJsonAsync($"/api/svm/svms/{uuid}", new { name = "vs1" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("vs1", StoreProbe.Rows(factory.DataDir, "SELECT name FROM svms")[0][0]);

        (await client.DeleteJsonAsync($"/api/svm/svms/{uuid}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "svms"));
        (await client.GetJsonAsync($"/api/svm/svms/{uuid}")).AssertError(HttpStatusCode.NotFound, "4");
    }

    [Fact]
    public async Task Duplicate_or_invalid_names_are_refused_and_change_nothing()
    {
        var client = factory.Admin();
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs0" })).AssertStatus(HttpStatusCode.Created);

        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs0" })).AssertStatus(HttpStatusCode.Conflict);
        (await client.PostJsonAsync("/api/svm/svms", new { name = "9starts-with-digit" })).AssertError(HttpStatusCode.BadRequest, "262197", target: "name");
        (await client.PostJsonAsync("/api/svm/svms", new { name = "ok", uuid = Guid.NewGuid() })).AssertError(HttpStatusCode.BadRequest, "262196", target: "uuid");
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "svms"));
    }

    public void Dispose() => factory.Dispose();
}
