using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>The ONTAP volume fields Keyhold stores and returns (tiering, NAS, space settings) without acting on them.</summary>
public sealed class VolumeAttributeTests
{
    /// <summary>What na_ontap_volume asks for, trailing comma included.</summary>
    private const string AnsibleFields = "encryption.enabled,tiering.policy,nas.export_policy.name,aggregates.name,aggregates.uuid,uuid,nas.path,style,type,"
        + "comment,qos.policy.name,nas.security_style,nas.gid,nas.unix_permissions,nas.uid,snapshot_policy,space.snapshot.reserve_percent,space.size,"
        + "guarantee.type,state,efficiency.compression,snaplock,files.maximum,space.logical_space.enforcement,space.logical_space.reporting,";

    [Fact]
    public async Task Given_fields_are_stored_and_the_rest_show_ontap_defaults_in_ontap_shapes()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await VolumeSetup.SvmAsync(client);
        var created = await client.PostJsonAsync("/api/storage/volumes?return_records=true", """
            {"name": "vol1", "svm.name": "vs1", "aggregates": [{"name": "aggr1"}], "size": 1073741824, "nas.path": "/vol1",
             "comment": "made by ansible", "tiering.policy": "auto", "nas.uid": 20, "nas.unix_permissions": 755, "state": "online"}
            """);
        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        (await client.PostJsonAsync("/api/storage/volumes", new { name = "vol2", svm = new { name = "vs1" }, aggregates = new[] { new { name = "aggr1" } } }))
            .AssertStatus(HttpStatusCode.Created);

        var got = await client.GetJsonAsync($"/api/storage/volumes?name=vol1&svm.name=vs1&fields={AnsibleFields}");

        got.AssertStatus(HttpStatusCode.OK);
        var record = got.Body!["records"]![0]!.AsObject();
        var aggregate = record["aggregates"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal(8, Guid.Parse(aggregate).Version);
        var expected = JsonNode.Parse($$"""
            {"uuid": "{{uuid}}", "name": "vol1", "state": "online", "encryption": {"enabled": false},
             "aggregates": [{"name": "aggr1", "uuid": "{{aggregate}}"}], "style": "flexvol", "type": "rw", "comment": "made by ansible",
             "tiering": {"policy": "auto"}, "nas": {"path": "/vol1", "uid": 20, "unix_permissions": 755},
             "snapshot_policy": {"name": "default"}, "guarantee": {"type": "volume"}, "efficiency": {"compression": "none"},
             "space": {"size": 1073741824, "snapshot": {"reserve_percent": 5}, "logical_space": {"enforcement": false, "reporting": false} },
             "snaplock": {"type": "non_snaplock"}, "files": {"maximum": 32768},
             "_links": {"self": {"href": "/api/storage/volumes/{{uuid}}" } } }
            """);
        Assert.True(JsonNode.DeepEquals(expected, record), record.ToJsonString());
        // Keyhold has no aggregates: a name's uuid is derived from it, the same for every volume on it.
        var other = await client.GetJsonAsync("/api/storage/volumes?name=vol2&fields=aggregates,nas");
        Assert.Equal(aggregate, other.Body!["records"]![0]!["aggregates"]![0]!["uuid"]!.GetValue<string>());
        Assert.Null(other.Body["records"]![0]!["nas"]);
        // A new volume stores the defaults it was made with.
        var stored = JsonNode.Parse((string)StoreProbe.Rows(factory.DataDir, $"SELECT attributes FROM volumes WHERE uuid = '{uuid}'")[0][0]!)!;
        Assert.Equal("auto", stored["tiering"]!["policy"]!.GetValue<string>());
        Assert.Equal("volume", stored["guarantee"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_changes_stored_fields_and_an_empty_junction_path_unmounts()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await VolumeSetup.SvmAsync(client);
        (await client.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs1", "aggregates": [{"name": "aggr1"}], "nas.path": "/vol1", "comment": "one"}"""))
            .AssertStatus(HttpStatusCode.Created);
        var uuid = (await client.GetJsonAsync("/api/storage/volumes?name=vol1")).Body!["records"]![0]!["uuid"]!.GetValue<string>();

        (await client.PatchJsonAsync($"/api/storage/volumes/{uuid}", """{"nas.path": "", "comment": "two", "files.maximum": 5000, "guarantee": {"type": "none"}, "state": "online"}"""))
            .AssertStatus(HttpStatusCode.OK);
        (await client.PatchJsonAsync($"/api/storage/volumes/{uuid}", new { size = 4L << 30 })).AssertStatus(HttpStatusCode.OK);

        var got = (await client.GetJsonAsync($"/api/storage/volumes/{uuid}")).Body!;
        Assert.Null(got["nas"]);
        Assert.Equal("two", got["comment"]!.GetValue<string>());
        Assert.Equal("none", got["guarantee"]!["type"]!.GetValue<string>());
        Assert.Equal(5000, got["files"]!["maximum"]!.GetValue<long>()); // set, so it no longer follows the size
        Assert.Equal(4L << 30, got["space"]!["size"]!.GetValue<long>());
        Assert.Equal("aggr1", got["aggregates"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("none", got["tiering"]!["policy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Volumes_from_before_the_attributes_existed_show_ontap_defaults()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await VolumeSetup.SvmAsync(client);
        var (uuid, _) = await VolumeSetup.VolumeAsync(client, "vol1", encrypted: false);
        // What the migration step leaves in the rows it finds (the column's default).
        await factory.Service<IStore>().WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "UPDATE volumes SET attributes = '{}'", t));

        var got = (await client.GetJsonAsync($"/api/storage/volumes/{uuid}?fields=style,type,tiering,guarantee,snapshot_policy,files,aggregates,nas")).Body!;

        Assert.Equal("flexvol", got["style"]!.GetValue<string>());
        Assert.Equal("rw", got["type"]!.GetValue<string>());
        Assert.Equal("none", got["tiering"]!["policy"]!.GetValue<string>());
        Assert.Equal("volume", got["guarantee"]!["type"]!.GetValue<string>());
        Assert.Equal("default", got["snapshot_policy"]!["name"]!.GetValue<string>());
        Assert.Equal((20L << 30) / (32 << 10), got["files"]!["maximum"]!.GetValue<long>());
        Assert.Null(got["aggregates"]);
        Assert.Null(got["nas"]);
    }
}
