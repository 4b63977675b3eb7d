using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

public sealed class VolumeCreateTests
{
    [Fact]
    public async Task An_encrypted_volume_is_stored_with_its_wrapped_key_and_reads_back_as_ontap_shows_it()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        var svm = await VolumeSetup.SvmAsync(client);

        var created = await client.PostJsonAsync("/api/storage/volumes?return_records=true",
            new { name = "vol1", svm = new { name = "vs1" }, size = 1L << 30, encryption = new { enabled = true } });

        created.AssertStatus(HttpStatusCode.Created);
        var record = created.Body!["records"]![0]!;
        var uuid = record["uuid"]!.GetValue<string>();
        var keyId = record["encryption"]!["key_id"]!.GetValue<string>();
        Assert.Equal("/api/storage/volumes/" + uuid, created.Response.Headers.Location!.ToString());
        Assert.Matches("^[0-9a-f]{64}$", keyId);
        Assert.Equal(new object?[] { "vol1", svm, 1L << 30, "online", "encrypted", keyId }, VolumeSetup.VolumeRow(factory.DataDir, uuid));
        var key = VolumeSetup.KeyRow(factory.DataDir, keyId)!;
        Assert.Equal(new object?[] { km, "vek", svm, "vol1" }, key[..4]);
        Assert.Equal(1 + 12 + 32 + 16, ((byte[])key[4]!).Length);
        var metadata = JsonNode.Parse((string)key[5]!)!;
        Assert.Equal(uuid, metadata["volume"]!.GetValue<string>());
        Assert.Equal("vs1", metadata["svm_name"]!.GetValue<string>());

        var got = await client.GetJsonAsync("/api/storage/volumes/" + uuid);
        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("vol1", got.Body!["name"]!.GetValue<string>());
        Assert.Equal(svm, got.Body["svm"]!["uuid"]!.GetValue<string>());
        Assert.Equal(1L << 30, got.Body["size"]!.GetValue<long>());
        Assert.Equal("online", got.Body["state"]!.GetValue<string>());
        var encryption = got.Body["encryption"]!;
        Assert.True(encryption["enabled"]!.GetValue<bool>());
        Assert.Equal(keyId, encryption["key_id"]!.GetValue<string>());
        Assert.Equal("volume", encryption["type"]!.GetValue<string>());
        Assert.Equal("encrypted", encryption["state"]!.GetValue<string>());
        Assert.Null(encryption["rekey"]);
        Assert.Equal("/api/storage/volumes/" + uuid, got.Body["_links"]!["self"]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ansible_dotted_keys_at_the_top_level_create_an_encrypted_volume_with_the_default_size()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);

        var created = await client.PostJsonAsync("/api/storage/volumes", """{"name": "ansible_vol", "svm.name": "vs1", "encryption.enabled": true}""");

        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Response.Headers.Location!.ToString().Split('/')[^1];
        var row = VolumeSetup.VolumeRow(factory.DataDir, uuid);
        Assert.Equal(20L << 30, row[2]);
        Assert.NotNull(VolumeSetup.KeyRow(factory.DataDir, (string)row[5]!));
        var found = await client.GetJsonAsync("/api/storage/volumes?name=ansible_vol&svm.name=vs1&fields=encryption.enabled");
        Assert.True(found.Body!["records"]![0]!["encryption"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_a_key_manager_an_encrypted_volume_is_refused_and_nothing_is_stored()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await VolumeSetup.SvmAsync(client);

        var refused = await client.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs1", "encryption.enabled": true}""");

        refused.AssertError(HttpStatusCode.BadRequest, "65537401",
            "No key manager is configured for SVM \"vs1\". Configure the onboard key manager or an external key manager first.", "encryption.enabled");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "volumes"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
        // Not asked to encrypt and nothing to encrypt with: a plain volume.
        var (uuid, keyId) = await VolumeSetup.VolumeAsync(client, "plain", encrypted: null);
        Assert.Null(keyId);
        Assert.Equal("unencrypted", VolumeSetup.VolumeRow(factory.DataDir, uuid)[4]);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
        var plain = (await client.GetJsonAsync($"/api/storage/volumes/{uuid}?fields=encryption")).Body!["encryption"]!.AsObject();
        Assert.Equal("""{"enabled":false,"type":"none","state":"unencrypted"}""", plain.ToJsonString());
    }

    [Fact]
    public async Task New_volumes_are_encrypted_by_default_unless_the_key_manager_turns_default_encryption_off()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);

        var (_, byDefault) = await VolumeSetup.VolumeAsync(client, "by_default", encrypted: null);
        var (_, declined) = await VolumeSetup.VolumeAsync(client, "declined", encrypted: false);
        (await client.PatchJsonAsync($"/api/security/key-managers/{km}", new { is_default_data_at_rest_encryption_disabled = true })).AssertStatus(HttpStatusCode.OK);
        var (_, defaultOff) = await VolumeSetup.VolumeAsync(client, "default_off", encrypted: null);

        Assert.NotNull(byDefault);
        Assert.Null(declined);
        Assert.Null(defaultOff);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "keys"));
    }

    [Fact]
    public async Task A_volume_name_is_unique_within_its_svm_only()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client, "vs1");
        await VolumeSetup.SvmAsync(client, "vs2");
        await VolumeSetup.VolumeAsync(client, "vol1", "vs1");

        var duplicate = await client.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm": {"name": "vs1"}, "encryption": {"enabled": true}}""");

        duplicate.AssertError(HttpStatusCode.Conflict, "65537410", "Duplicate volume name \"vol1\" in SVM \"vs1\".", "name");
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "volumes"));
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "keys"));
        await VolumeSetup.VolumeAsync(client, "vol1", "vs2");
        Assert.Equal(2, StoreProbe.Count(factory.DataDir, "keys"));
    }

    [Theory]
    [InlineData("""{"svm": {"name": "vs1"}}""", "262186", "name")]
    [InlineData("""{"name": "vol1"}""", "262186", "svm.name")]
    [InlineData("""{"name": "vol1", "svm": {"name": "nosuch"}}""", "2621462", "svm.name")]
    [InlineData("""{"name": "vol1", "svm": {"uuid": "not-a-uuid"}}""", "2621462", "svm.uuid")]
    [InlineData("""{"name": "1vol", "svm": {"name": "vs1"}}""", "262197", "name")]
    [InlineData("""{"name": "vol-1", "svm": {"name": "vs1"}}""", "262197", "name")]
    [InlineData("""{"name": "vol1", "svm": {"name": "vs1"}, "size": 1024}""", "262197", "size")]
    [InlineData("""{"name": "vol1", "svm": {"name": "vs1"}, "size": "big"}""", "262197", "size")]
    [InlineData("""{"name": "vol1", "svm": {"name": "vs1"}, "state": "restricted"}""", "262197", "state")]
    [InlineData("""{"name": "vol1", "svm": {"name": "vs1"}, "encryption": {"key_id": "00"}}""", "262196", "encryption.key_id")]
    [InlineData("""{"name": "vol1", "svm": {"name": "vs1"}, "encryption": {"rekey": true}}""", "262196", "encryption.rekey")]
    [InlineData("""{"name": "vol1", "svm": {"name": "vs1"}, "constituents_per_aggregate": 4}""", "262179", "constituents_per_aggregate")]
    public async Task Bad_input_is_refused_with_its_code_and_target_and_stores_nothing(string body, string code, string target)
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);

        (await client.PostJsonAsync("/api/storage/volumes", body)).AssertError(HttpStatusCode.BadRequest, code, target: target);

        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "volumes"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
    }
}
