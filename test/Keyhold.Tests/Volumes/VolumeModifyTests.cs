using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;
using Keyhold.Tests.Keys;

namespace Keyhold.Tests.Volumes;

public sealed class VolumeModifyTests
{
    [Fact]
    public async Task Rename_resize_and_offline_change_the_volume_and_its_key_consumer_record_at_once()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        var svm = await VolumeSetup.SvmAsync(client);
        var (uuid, keyId) = await VolumeSetup.VolumeAsync(client, "vol1");

        var patched = await client.PatchJsonAsync($"/api/storage/volumes/{uuid}", """{"name": "renamed", "size": 2147483648, "state": "offline"}""");

        patched.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(new object?[] { "renamed", svm, 2L << 30, "offline", "encrypted", keyId }, VolumeSetup.VolumeRow(factory.DataDir, uuid));
        var key = VolumeSetup.KeyRow(factory.DataDir, keyId!)!;
        Assert.Equal("renamed", key[3]);
        var metadata = JsonNode.Parse((string)key[5]!)!;
        Assert.Equal("renamed", metadata["volume_name"]!.GetValue<string>());
        Assert.Equal(2L << 30, metadata["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Ansible_encryption_conversion_is_a_job_that_creates_the_key()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var (uuid, _) = await VolumeSetup.VolumeAsync(client, "vol1", encrypted: false);

        var accepted = await client.PatchJsonAsync($"/api/storage/volumes/{uuid}", """{"encryption.enabled": true}""");

        accepted.AssertStatus(HttpStatusCode.Accepted);
        var job = await VolumeSetup.JobAsync(client, accepted.Body!);
        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Equal(0, job["code"]!.GetValue<int>());
        Assert.Equal($"PATCH /api/storage/volumes/{uuid}", job["description"]!.GetValue<string>());
        var row = VolumeSetup.VolumeRow(factory.DataDir, uuid);
        Assert.Equal("encrypted", row[4]);
        Assert.Equal(km, VolumeSetup.KeyRow(factory.DataDir, (string)row[5]!)![0]);
        var got = await client.GetJsonAsync($"/api/storage/volumes/{uuid}?fields=encryption");
        Assert.Equal((string)row[5]!, got.Body!["encryption"]!["key_id"]!.GetValue<string>());
        // Asking again is not an error and changes nothing (Ansible re-runs).
        (await client.PatchJsonAsync($"/api/storage/volumes/{uuid}", """{"encryption.enabled": true}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "keys"));
    }

    [Fact]
    public async Task Rekey_stores_a_new_key_and_destroys_the_old_one_and_return_timeout_waits_for_the_job()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var (uuid, oldKeyId) = await VolumeSetup.VolumeAsync(client, "vol1");
        var before = await MaterialAsync(factory, oldKeyId!);

        var done = await client.PatchJsonAsync($"/api/storage/volumes/{uuid}?return_timeout=30", new { encryption = new { rekey = true } });

        done.AssertStatus(HttpStatusCode.OK);
        var newKeyId = (string)VolumeSetup.VolumeRow(factory.DataDir, uuid)[5]!;
        Assert.NotEqual(oldKeyId, newKeyId);
        Assert.Null(VolumeSetup.KeyRow(factory.DataDir, oldKeyId!));
        Assert.Equal("vol1", VolumeSetup.KeyRow(factory.DataDir, newKeyId)![3]);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "keys"));
        Assert.NotEqual(before, await MaterialAsync(factory, newKeyId));
        Assert.Equal("encrypted", VolumeSetup.VolumeRow(factory.DataDir, uuid)[4]);
        var jobs = await client.GetJsonAsync("/api/cluster/jobs?fields=state,description");
        Assert.Equal("success", jobs.Body!["records"]![0]!["state"]!.GetValue<string>());
        // As in ONTAP, the 200 still carries the job, and clients such as Ansible read its outcome from there.
        var job = jobs.Body["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal(job, done.Body!["job"]!["uuid"]!.GetValue<string>());
        Assert.Equal($"/api/cluster/jobs/{job}", done.Body["job"]!["_links"]!["self"]!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_encryption_job_reports_failure_and_leaves_the_volume_unencrypted()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var (uuid, _) = await VolumeSetup.VolumeAsync(client, "vol1", encrypted: false);
        // This node loses its root key copy: the job cannot wrap a new key.
        await factory.Service<Keyhold.Storage.IStore>().WriteAsync((c, tx, t) => Keyhold.Storage.Db.ExecuteAsync(c, tx, "DELETE FROM root_key_seals", t));
        factory.Service<Keyhold.Onboard.RootKeyCache>().Forget(Guid.Parse(km));

        var failed = await client.PatchJsonAsync($"/api/storage/volumes/{uuid}?return_timeout=30", """{"encryption.enabled": true}""");

        failed.AssertError(HttpStatusCode.BadRequest, "65537403");
        Assert.Equal(new object?[] { "unencrypted", null }, VolumeSetup.VolumeRow(factory.DataDir, uuid)[4..]);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
        var job = (await client.GetJsonAsync("/api/cluster/jobs?fields=state,code,message")).Body!["records"]![0]!;
        Assert.Equal("failure", job["state"]!.GetValue<string>());
        Assert.Equal(65537403, job["code"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"encryption": {"rekey": true}}""", false, "65537411", "encryption.rekey")]
    [InlineData("""{"encryption.enabled": false}""", true, "65537412", "encryption.enabled")]
    [InlineData("""{"name": "bad name"}""", true, "262197", "name")]
    [InlineData("""{"name": "other", "size": 5}""", true, "262197", "size")]
    [InlineData("""{"name": "other"}""", true, "65537410", "name")]
    [InlineData("""{"svm": {"name": "vs1"}}""", true, "262196", "svm")]
    [InlineData("""{"uuid": "x"}""", true, "262196", "uuid")]
    public async Task Bad_changes_are_refused_and_nothing_changes(string body, bool encrypted, string code, string target)
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        await VolumeSetup.VolumeAsync(client, "other", encrypted: false);
        var (uuid, _) = await VolumeSetup.VolumeAsync(client, "vol1", encrypted: encrypted);
        var before = VolumeSetup.VolumeRow(factory.DataDir, uuid);
        var keys = StoreProbe.Rows(factory.DataDir, "SELECT key_id, key_tag, metadata FROM keys");

        var refused = await client.PatchJsonAsync($"/api/storage/volumes/{uuid}", body);

        Assert.Equal(code, refused.Body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(target, refused.Body["error"]!["target"]!.GetValue<string>());
        Assert.Equal(before, VolumeSetup.VolumeRow(factory.DataDir, uuid));
        Assert.Equal(keys, StoreProbe.Rows(factory.DataDir, "SELECT key_id, key_tag, metadata FROM keys"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "jobs"));
    }

    private static Task<byte[]> MaterialAsync(KeyholdFactory factory, string keyId) => KeyMaterial.ReadAsync(factory.Services, keyId);
}
