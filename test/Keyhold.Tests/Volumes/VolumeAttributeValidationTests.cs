using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>Stored fields are checked like any other: wrong values are 262197, fields an operation cannot set are 262196.</summary>
public sealed class VolumeAttributeValidationTests
{
    [Theory]
    [InlineData("""{"tiering.policy": 5}""", "262197", "tiering.policy")]
    [InlineData("""{"tiering": {"policy": "sometimes"}}""", "262197", "tiering.policy")]
    [InlineData("""{"nas.path": "vol1"}""", "262197", "nas.path")]
    [InlineData("""{"nas.unix_permissions": 789}""", "262197", "nas.unix_permissions")]
    [InlineData("""{"nas.gid": -1}""", "262197", "nas.gid")]
    [InlineData("""{"space.snapshot.reserve_percent": 91}""", "262197", "space.snapshot.reserve_percent")]
    [InlineData("""{"space.logical_space.enforcement": "yes"}""", "262197", "space.logical_space.enforcement")]
    [InlineData("""{"guarantee.type": "file"}""", "262197", "guarantee.type")]
    [InlineData("""{"comment": ["a"]}""", "262197", "comment")]
    [InlineData("""{"language": "Not A Language"}""", "262197", "language")]
    [InlineData("""{"style": "flexgroup"}""", "262197", "style")]
    [InlineData("""{"aggregates": "aggr1"}""", "262197", "aggregates")]
    [InlineData("""{"aggregates": [{"name": "aggr1"}, {"name": "aggr2"}]}""", "262197", "aggregates")]
    [InlineData("""{"aggregates": [{"name": "bad name"}]}""", "262197", "aggregates.name")]
    [InlineData("""{"aggregates": [{"uuid": "adbc5bb7-e23c-80ab-9744-7ae2181a71ca"}]}""", "262196", "aggregates.uuid")]
    [InlineData("""{"files.maximum": 100}""", "262196", "files")]
    [InlineData("""{"space.size": 1073741824}""", "262196", "space.size")]
    [InlineData("""{"snaplock": {"type": "compliance"}}""", "262196", "snaplock")]
    [InlineData("""{"tiering": {"min_cooling_days": 5}}""", "262179", "tiering.min_cooling_days")]
    public async Task Bad_fields_in_a_post_are_refused_and_nothing_is_stored(string fields, string code, string target)
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await VolumeSetup.SvmAsync(client);
        var body = JsonNode.Parse(fields)!.AsObject();
        body["name"] = "vol1";
        body["svm.name"] = "vs1";

        var refused = await client.PostJsonAsync("/api/storage/volumes", body.ToJsonString());

        Assert.Equal(code, refused.Body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(target, refused.Body["error"]!["target"]!.GetValue<string>());
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "volumes"));
    }

    [Theory]
    [InlineData("""{"aggregates": [{"name": "aggr2"}]}""", "262196", "aggregates")]
    [InlineData("""{"style": "flexvol"}""", "262196", "style")]
    [InlineData("""{"type": "dp"}""", "262196", "type")]
    [InlineData("""{"language": "c"}""", "262196", "language")]
    [InlineData("""{"space": {"size": 1073741824}}""", "262196", "space.size")]
    [InlineData("""{"snaplock.type": "non_snaplock"}""", "262196", "snaplock")]
    [InlineData("""{"files.maximum": 0}""", "262197", "files.maximum")]
    [InlineData("""{"tiering": {"policy": true}}""", "262197", "tiering.policy")]
    [InlineData("""{"comment": "changed", "nas.path": "relative"}""", "262197", "nas.path")]
    [InlineData("""{"comment": "changed", "nas.uid": 4294967296}""", "262197", "nas.uid")]
    public async Task Bad_fields_in_a_patch_are_refused_and_nothing_changes(string body, string code, string target)
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await VolumeSetup.SvmAsync(client);
        var created = await client.PostJsonAsync("/api/storage/volumes?return_records=true",
            """{"name": "vol1", "svm.name": "vs1", "aggregates": [{"name": "aggr1"}], "comment": "one", "nas.path": "/vol1"}""");
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var before = StoreProbe.Rows(factory.DataDir, "SELECT name, size, state, attributes FROM volumes");

        var refused = await client.PatchJsonAsync($"/api/storage/volumes/{uuid}", body);

        Assert.Equal(code, refused.Body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(target, refused.Body["error"]!["target"]!.GetValue<string>());
        Assert.Equal(before, StoreProbe.Rows(factory.DataDir, "SELECT name, size, state, attributes FROM volumes"));
    }
}
