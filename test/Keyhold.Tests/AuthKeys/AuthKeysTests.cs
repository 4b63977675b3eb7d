using System.Net;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.AuthKeys;

/// <summary>
/// Issue 12 scope 2: /api/security/key-managers/{uuid}/auth-keys (ONTAP 9.12), field for field. NSE authentication keys
/// are kept where the key manager keeps keys: onboard, wrapped under the root key in the store (and in key_backup);
/// external, on the KMIP servers.
/// </summary>
public sealed class AuthKeysTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task Onboard_auth_keys_are_created_listed_read_and_deleted_wrapped_in_the_store()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        var keys = $"/api/security/key-managers/{uuid}/auth-keys";

        var created = await client.PostJsonAsync(keys + "?return_records=true", new { key_tag = "Authentication-Key-01" });
        created.AssertStatus(HttpStatusCode.Created);
        var keyId = created.Body!["records"]![0]!["key_id"]!.GetValue<string>();
        Assert.Equal($"{keys}/{keyId}", created.Response.Headers.Location!.OriginalString);
        var row = StoreProbe.Rows(factory.DataDir, "SELECT key_id, key_type, key_tag, key_manager_uuid, svm_uuid, wrapped FROM keys").Single();
        Assert.Equal(new object?[] { keyId, "nse-ak", "Authentication-Key-01", uuid, null }, row[..5]);
        Assert.Equal(1 + 12 + 32 + 16, ((byte[])row[5]!).Length);

        // Without a tag the node's name is the tag, as in ONTAP's example.
        (await client.PostJsonAsync(keys, new { })).AssertStatus(HttpStatusCode.Created);
        var nodeName = (string)StoreProbe.Rows(factory.DataDir, "SELECT name FROM nodes").Single()[0]!;
        Assert.Equal(1L, StoreProbe.Rows(factory.DataDir, $"SELECT COUNT(*) FROM keys WHERE key_tag = '{nodeName}'").Single()[0]);

        var list = await client.GetJsonAsync(keys + "?fields=*");
        list.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, list.Body!["num_records"]!.GetValue<int>());
        Assert.All(list.Body["records"]!.AsArray(), r => Assert.Equal(uuid, r!["security_key_manager"]!["uuid"]!.GetValue<string>()));
        var filtered = await client.GetJsonAsync(keys + "?key_tag=Authentication*");
        Assert.Equal(keyId, filtered.Body!["records"]!.AsArray().Single()!["key_id"]!.GetValue<string>());
        var one = await client.GetJsonAsync($"{keys}/{keyId}");
        one.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Authentication-Key-01", one.Body!["key_tag"]!.GetValue<string>());
        Assert.Null(one.Body["passphrase"]);

        (await client.DeleteJsonAsync($"{keys}/{keyId}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0L, StoreProbe.Rows(factory.DataDir, $"SELECT COUNT(*) FROM keys WHERE key_id = '{keyId}'").Single()[0]);
        (await client.GetJsonAsync($"{keys}/{keyId}")).AssertError(HttpStatusCode.NotFound, "4");
    }

    /// <summary>A passphrase makes the key reproducible: two keys from one passphrase unwrap to the same bytes; the passphrase is kept nowhere.</summary>
    [Fact]
    public async Task A_passphrase_derives_the_key_and_is_never_stored_or_logged()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        const string passphrase = "AuthenticationKey_01=x";
        foreach (var tag in new[] { "one", "two" })
        {
            (await client.PostJsonAsync($"/api/security/key-managers/{uuid}/auth-keys", new { key_tag = tag, passphrase })).AssertStatus(HttpStatusCode.Created);
        }
        (await client.PostJsonAsync($"/api/security/key-managers/{uuid}/auth-keys", new { key_tag = "three" })).AssertStatus(HttpStatusCode.Created);

        using var hierarchy = OnboardRecovery.Recover(await OnboardSetup.BackupAsync(client, uuid), OnboardSetup.Passphrase);
        var material = hierarchy.UnwrapAll().Where(k => k.Key.KeyType == "nse-ak").ToDictionary(k => k.Key.KeyId, k => k.Material);
        var tags = StoreProbe.Rows(factory.DataDir, "SELECT key_tag, key_id FROM keys").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(material[tags["one"]], material[tags["two"]]);
        Assert.NotEqual(material[tags["one"]], material[tags["three"]]);
        Assert.DoesNotContain(passphrase, factory.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(passphrase, System.Text.Encoding.Latin1.GetString(StoreProbe.AllBytes(factory.DataDir)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_refusal_has_its_code_and_changes_nothing()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        var keys = $"/api/security/key-managers/{uuid}/auth-keys";
        (await client.PostJsonAsync(keys, new { passphrase = new string('p', 19) })).AssertError(HttpStatusCode.BadRequest, "65536053", target: "passphrase");
        (await client.PostJsonAsync(keys, new { passphrase = new string('p', 33) })).AssertError(HttpStatusCode.BadRequest, "65536053", target: "passphrase");
        (await client.PostJsonAsync(keys, new { passphrase = "pässphrase-of-20-chars-x" })).AssertError(HttpStatusCode.BadRequest, "65536053", target: "passphrase");
        (await client.PostJsonAsync(keys, new { key_tag = "has space" })).AssertError(HttpStatusCode.BadRequest, "65536056", target: "key_tag");
        (await client.PostJsonAsync(keys, new { key_tag = new string('t', 33) })).AssertError(HttpStatusCode.BadRequest, "65536056", target: "key_tag");
        (await client.PostJsonAsync(keys, new { key_id = "00" })).AssertError(HttpStatusCode.BadRequest, "262196", target: "key_id");
        (await client.PostJsonAsync(keys, new { colour = "red" })).AssertError(HttpStatusCode.BadRequest, "262179");
        (await client.PostJsonAsync($"/api/security/key-managers/{Guid.NewGuid()}/auth-keys", new { })).AssertError(HttpStatusCode.NotFound, "4");
        (await client.DeleteJsonAsync($"{keys}/{new string('0', 64)}")).AssertError(HttpStatusCode.NotFound, "4");

        // A volume's key is not an authentication key.
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
        (await client.PostJsonAsync("/api/storage/volumes?return_timeout=30", new { name = "vol1", svm = new { name = "vs1" }, size = 1L << 30, encryption = new { enabled = true } }))
            .AssertStatus(HttpStatusCode.Created);
        var vek = (string)StoreProbe.Rows(factory.DataDir, "SELECT key_id FROM keys").Single()[0]!;
        (await client.DeleteJsonAsync($"{keys}/{vek}")).AssertError(HttpStatusCode.BadRequest, "65536860", target: "key_id");
        (await client.GetJsonAsync($"{keys}/{vek}")).AssertError(HttpStatusCode.NotFound, "4");
        Assert.Equal([vek], StoreProbe.Rows(factory.DataDir, "SELECT key_id FROM keys").Select(r => (string)r[0]!));
    }

    public void Dispose() => factory.Dispose();
}

/// <summary>External auth-keys live on the key servers: the store keeps only where.</summary>
public sealed class ExternalAuthKeysTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task External_auth_keys_are_registered_on_the_key_servers_and_destroyed_with_their_row()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        var keys = $"{ExternalHost.Managers}/{uuid}/auth-keys";

        var created = await host.Admin.PostJsonAsync(keys + "?return_records=true", new { key_tag = "ak1" });
        created.AssertStatus(HttpStatusCode.Created);
        var keyId = created.Body!["records"]![0]!["key_id"]!.GetValue<string>();
        var row = StoreProbe.Rows(host.DataDir, "SELECT wrapped, metadata FROM keys").Single();
        Assert.Null(row[0]);
        var locations = KeyLocations.Read((string)row[1]!);
        Assert.Equal(KmipPeers.A.Server, Assert.Single(locations).Server);
        var km = (await host.Service<KeyManagerRepository>().FindAsync(Guid.Parse(uuid), default))!;
        var servers = host.Service<Keyhold.External.IKmipKeyServers>();
        Assert.Equal(32, (await servers.GetAsync(km, keyId, locations, default)).Length);

        (await host.Admin.DeleteJsonAsync($"{keys}/{keyId}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, host.Count("keys"));
        await Assert.ThrowsAnyAsync<Keyhold.Kmip.KmipException>(() => servers.GetAsync(km, keyId, locations, default));
    }

    public void Dispose() => host.Dispose();
}
