using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

/// <summary>The SVM fields na_ontap_svm reads and writes: stored as given, returned with ONTAP's defaults, refused when bad.</summary>
public sealed class SvmFieldsTests : IDisposable
{
    private const string Fields = "subtype,aggregates,language,snapshot_policy,ipspace,comment,nfs,cifs,fcp,iscsi,nvme,state";
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task Fields_given_as_ansible_sends_them_are_stored_returned_filtered_and_modified()
    {
        var client = factory.Admin();
        var created = await client.PostJsonAsync("/api/svm/svms?return_records=true", new JsonObject
        {
            ["name"] = "svm2", ["language"] = "c.utf_8", ["ipspace"] = "Default", ["snapshot_policy"] = "none", ["subtype"] = "default",
            ["comment"] = "c1", ["aggregates"] = new JsonArray(new JsonObject { ["name"] = "aggr1" }, new JsonObject { ["name"] = "aggr2" }),
            ["nfs"] = new JsonObject { ["enabled"] = true },
        });
        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();

        var got = (await client.GetJsonAsync($"/api/svm/svms?name=svm2&fields={Fields}")).Body!["records"]![0]!;
        Assert.Equal("c1", got["comment"]!.GetValue<string>());
        Assert.Equal("none", got["snapshot_policy"]!["name"]!.GetValue<string>());
        Assert.Equal("Default", got["ipspace"]!["name"]!.GetValue<string>());
        Assert.Equal(["aggr1", "aggr2"], got["aggregates"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.True(got["nfs"]!["enabled"]!.GetValue<bool>());
        Assert.Null(got["cifs"]!["enabled"]); // never given: absent, not invented
        Assert.True(got["cifs"]!["allowed"]!.GetValue<bool>()); // 9.9.1+: every protocol is allowed unless taken away
        var stored = JsonNode.Parse((string)StoreProbe.Rows(factory.DataDir, $"SELECT attributes FROM svms WHERE uuid = '{uuid}'")[0][0]!)!;
        Assert.Equal("c1", stored["comment"]!.GetValue<string>());
        Assert.Equal("aggr2", stored["aggregates"]![1]!["name"]!.GetValue<string>());

        Assert.Equal(1, (await client.GetJsonAsync("/api/svm/svms?comment=c*")).Body!["num_records"]!.GetValue<int>());
        Assert.Equal(0, (await client.GetJsonAsync("/api/svm/svms?comment=other")).Body!["num_records"]!.GetValue<int>());

        (await client.PatchJsonAsync($"/api/svm/svms/{uuid}", new { comment = "c2", state = "stopped", snapshot_policy = new { name = "default" } }))
            .AssertStatus(HttpStatusCode.OK);
        got = (await client.GetJsonAsync($"/api/svm/svms/{uuid}")).Body!;
        Assert.Equal(["c2", "stopped", "default", "c.utf_8"], new[] { got["comment"], got["state"], got["snapshot_policy"]!["name"], got["language"] }.Select(n => n!.GetValue<string>()));
        Assert.Equal(2, got["aggregates"]!.AsArray().Count);

        var cli = (await client.GetJsonAsync("/api/private/cli/vserver?vserver=svm2&fields=allowed_protocols")).Body!;
        Assert.Equal(1, cli["num_records"]!.GetValue<int>());
        Assert.Equal(["nfs"], cli["records"]![0]!["allowed_protocols"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task An_svm_made_with_the_name_alone_shows_ontaps_defaults()
    {
        var client = factory.Admin();
        (await client.PostJsonAsync("/api/svm/svms", new { name = "svm1" })).AssertStatus(HttpStatusCode.Created);
        var got = (await client.GetJsonAsync($"/api/svm/svms?fields={Fields}")).Body!["records"]![0]!;
        Assert.Equal(["default", "c.utf_8", "Default", "default"],
            new[] { got["subtype"], got["language"], got["ipspace"]!["name"], got["snapshot_policy"]!["name"] }.Select(n => n!.GetValue<string>()));
        Assert.Empty(got["aggregates"]!.AsArray());
        Assert.Empty((await client.GetJsonAsync("/api/private/cli/vserver?vserver=svm1&fields=allowed_protocols")).Body!["records"]![0]!["allowed_protocols"]!.AsArray());
        Assert.Equal(0, (await client.GetJsonAsync("/api/private/cli/vserver?vserver=nope")).Body!["num_records"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"name":"bad","subtype":"other"}""", "subtype")]
    [InlineData("""{"name":"bad","language":"C.UTF-8"}""", "language")]
    [InlineData("""{"name":"bad","aggregates":[{"name":"9x"}]}""", "aggregates.name")]
    [InlineData("""{"name":"bad","ipspace":7}""", "ipspace")]
    [InlineData("""{"name":"bad","nfs":{"enabled":"yes"}}""", "nfs.enabled")]
    public async Task Bad_values_are_refused_and_nothing_is_stored(string body, string target)
    {
        var response = await factory.Admin().PostAsync("/api/svm/svms", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("262197", error["code"]!.GetValue<string>());
        Assert.Equal(target, error["target"]!.GetValue<string>());
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "svms"));
    }

    [Fact]
    public async Task Read_only_and_create_only_fields_are_refused_in_patch()
    {
        var client = factory.Admin();
        var uuid = (await client.PostJsonAsync("/api/svm/svms?return_records=true", new { name = "svm1" })).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        (await client.PatchJsonAsync($"/api/svm/svms/{uuid}", new { subtype = "dp_destination" })).AssertError(HttpStatusCode.BadRequest, "262196", target: "subtype");
        (await client.PatchJsonAsync($"/api/svm/svms/{uuid}", new { ipspace = "Other" })).AssertError(HttpStatusCode.BadRequest, "262196", target: "ipspace");
        (await client.GetJsonAsync("/api/private/cli/vserver?vserver=svm1&fields=max_volumes")).AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
    }

    public void Dispose() => factory.Dispose();
}
