using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

/// <summary>/api/cluster as na_ontap_rest_info asks for it (max_records, empty or trailing-comma fields) and its contact and location.</summary>
public sealed class ClusterIdentityTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task Max_records_and_the_identity_fields_are_accepted_as_rest_info_sends_them()
    {
        var client = factory.Admin();
        var all = await client.GetJsonAsync("/api/cluster?max_records=1024&fields=");
        all.AssertStatus(HttpStatusCode.OK);
        Assert.NotNull(all.Body!["version"]);

        var identity = await client.GetJsonAsync("/api/cluster?max_records=1024&fields=contact%2Clocation%2Cname%2Cuuid%2C");
        identity.AssertStatus(HttpStatusCode.OK);
        var stored = StoreProbe.Rows(factory.DataDir, "SELECT uuid, name FROM cluster")[0];
        Assert.Equal([stored[0], stored[1]], new[] { identity.Body!["uuid"]!.GetValue<string>(), identity.Body["name"]!.GetValue<string>() });
        Assert.Null(identity.Body["contact"]); // never set: absent, as in ONTAP
        Assert.Null(identity.Body["version"]);

        (await client.GetJsonAsync("/api/cluster?max_records=many")).AssertError(HttpStatusCode.BadRequest, "262197", target: "max_records");
        (await client.GetJsonAsync("/api/cluster?order_by=name")).AssertError(HttpStatusCode.BadRequest, "262179", target: "order_by");
    }

    [Fact]
    public async Task Contact_and_location_are_patched_stored_and_returned()
    {
        var client = factory.Admin();
        (await client.PatchJsonAsync("/api/cluster", new { contact = "support@example.com", location = "building 1" })).AssertStatus(HttpStatusCode.OK);
        (await client.PatchJsonAsync("/api/cluster", new { location = "building 2" })).AssertStatus(HttpStatusCode.OK);

        var got = (await client.GetJsonAsync("/api/cluster?fields=contact,location")).Body!;
        Assert.Equal(["support@example.com", "building 2"], new[] { got["contact"]!.GetValue<string>(), got["location"]!.GetValue<string>() });
        Assert.Equal(["support@example.com", "building 2"], StoreProbe.Rows(factory.DataDir, "SELECT contact, location FROM cluster")[0]);
    }

    [Fact]
    public async Task Bad_identity_changes_are_refused_and_change_nothing()
    {
        var client = factory.Admin();
        (await client.PatchJsonAsync("/api/cluster", new { contact = "me", location = "line\nbreak" })).AssertError(HttpStatusCode.BadRequest, "262197", target: "location");
        (await client.PatchJsonAsync("/api/cluster", new { contact = new string('x', 256) })).AssertError(HttpStatusCode.BadRequest, "262197", target: "contact");
        (await client.PatchJsonAsync("/api/cluster", new { uuid = Guid.NewGuid() })).AssertError(HttpStatusCode.BadRequest, "262196", target: "uuid");
        (await client.PatchJsonAsync("/api/cluster", new { contact = 7 })).AssertError(HttpStatusCode.BadRequest, "262197", target: "contact");
        Assert.Equal([null, null], StoreProbe.Rows(factory.DataDir, "SELECT contact, location FROM cluster")[0]);
    }

    public void Dispose() => factory.Dispose();
}
