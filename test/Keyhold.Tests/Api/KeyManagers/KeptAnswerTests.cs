using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Keyhold.Api.KeyManagers;
using Keyhold.Onboard;
using Keyhold.Tests.Onboard;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// A GET of one key manager answers again from the bytes it last sent while the store's version has not moved
/// (Api/KeyManagers/KeyManagerAnswers, docs/scaling.md): the same bytes as building the record afresh, never an answer
/// older than a write finished before the GET began (through REST on this node, or by another node on the same SQLite
/// file), and never another caller's view (key_backup only for admins, the SVM scope checked on every request).
/// </summary>
public sealed class KeptAnswerTests
{
    private static string Path(string uuid) => $"/api/security/key-managers/{uuid}?fields=*";

    private static Task<byte[]> GetBytesAsync(HttpClient client, string url) => KeptBytes.GetAsync(client, url);

    private static Task<byte[]> KeptAsync(HttpClient client, string url, KeyManagerAnswers answers) => KeptBytes.UntilKeptAsync(client, url, () => answers.Hits);

    private static string KeyBackupOf(byte[] body) => JsonNode.Parse(body)!["onboard"]!["key_backup"]!.GetValue<string>();

    [Fact]
    public async Task A_kept_answer_is_the_fresh_answer_until_a_write_and_is_never_another_callers_view()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(admin);
        await VolumeSetup.SvmAsync(admin, "vs1");
        var answers = factory.Service<KeyManagerAnswers>();

        var first = await GetBytesAsync(admin, Path(uuid));
        var kept = await KeptAsync(admin, Path(uuid), answers);
        Assert.Equal(first, kept);
        Assert.Equal(await OnboardKeySeed.FreshEncodingAsync(factory, Guid.Parse(uuid)), KeyBackupOf(kept));

        // A key written through the volumes API: the next GET reads afresh and shows it, as the store holds it.
        var (_, keyId) = await VolumeSetup.VolumeAsync(admin, "vol1");
        var hits = answers.Hits;
        var afterWrite = await GetBytesAsync(admin, Path(uuid));
        Assert.Equal(hits, answers.Hits);
        Assert.NotEqual(first, afterWrite);
        var backup = KeyBackup.Decode(KeyBackupOf(afterWrite));
        Assert.Equal([keyId!], backup.Keys.Select(k => k.KeyId));
        Assert.Equal(1L, StoreProbe.Count(factory.DataDir, "keys"));
        Assert.Equal(await OnboardKeySeed.FreshEncodingAsync(factory, Guid.Parse(uuid)), KeyBackupOf(afterWrite));
        Assert.Equal(afterWrite, await KeptAsync(admin, Path(uuid), answers));

        // A passphrase change re-wraps the root key: a kept key_backup would no longer open with the new passphrase.
        (await admin.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        hits = answers.Hits;
        var rewrapped = await GetBytesAsync(admin, Path(uuid));
        Assert.Equal(hits, answers.Hits);
        Assert.NotEqual(KeyBackupOf(afterWrite), KeyBackupOf(rewrapped));
        Assert.Equal(await OnboardKeySeed.FreshEncodingAsync(factory, Guid.Parse(uuid)), KeyBackupOf(rewrapped));

        // Kept for the admin; a reader asking the same URL gets its own view, without key_backup, and no no-store.
        await TestAccounts.CreateAsync(admin, "auditor", "readonly", "reads-only-41");
        var reader = factory.Client("auditor", "reads-only-41");
        await KeptAsync(reader, Path(uuid), answers);
        for (var i = 0; i < 2; i++)
        {
            using var response = await reader.GetAsync(Path(uuid));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Null(body["onboard"]!["key_backup"]);
            Assert.Equal(uuid, body["uuid"]!.GetValue<string>());
            Assert.False(response.Headers.CacheControl?.NoStore ?? false);
        }

        // An SVM administrator does not see the cluster's key manager, kept answer or not.
        (await admin.PostJsonAsync("/api/security/accounts", new Dictionary<string, object> { ["name"] = "tenant", ["owner.name"] = "vs1", ["role.name"] = "vsadmin", ["password"] = "svm-admin-pass-41" }))
            .AssertStatus(HttpStatusCode.Created);
        (await factory.Client("tenant", "svm-admin-pass-41").GetJsonAsync(Path(uuid))).AssertError(HttpStatusCode.NotFound, "4");

        // Plain JSON is its own answer (no _links), and the admin's kept answer still carries no-store.
        var plain = factory.Admin();
        plain.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        await KeptAsync(plain, Path(uuid), answers);
        for (var i = 0; i < 2; i++)
        {
            using var response = await plain.GetAsync(Path(uuid));
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.True(response.Headers.CacheControl!.NoStore);
            Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["_links"]);
        }
        using (var hal = await admin.GetAsync(Path(uuid)))
        {
            Assert.Equal("application/hal+json", hal.Content.Headers.ContentType!.MediaType);
            Assert.True(hal.Headers.CacheControl!.NoStore);
            Assert.Equal(rewrapped, await hal.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_node_never_answers_from_before_a_write_another_node_made_on_the_shared_sqlite_file()
    {
        var file = System.IO.Path.Combine(TempDir.Create(), "shared.db");
        Dictionary<string, string> Node(string name) => new() { ["Keyhold__StorePath"] = file, ["Keyhold__NodeName"] = name };
        using var a = new Support.KeyholdProcess(environment: Node("node-a"));
        using var b = new Support.KeyholdProcess(environment: Node("node-b"));
        var onA = a.Client();
        var onB = b.Client();
        var uuid = await OnboardSetup.EnableAsync(onA);
        await VolumeSetup.SvmAsync(onA, "vs1");
        var before = await GetBytesAsync(onA, Path(uuid));
        Assert.Equal(before, await GetBytesAsync(onA, Path(uuid)));

        for (var i = 1; i <= 3; i++)
        {
            var (_, keyId) = await VolumeSetup.VolumeAsync(onB, $"vol{i}");
            // Node B's write finished before this GET on node A began: A shows it, and both nodes answer alike.
            var seen = await GetBytesAsync(onA, Path(uuid));
            var keys = KeyBackup.Decode(KeyBackupOf(seen)).Keys.Select(k => k.KeyId).ToList();
            Assert.Equal(i, keys.Count);
            Assert.Contains(keyId!, keys);
            Assert.Equal(seen, await GetBytesAsync(onB, Path(uuid)));
            Assert.Equal(seen, await GetBytesAsync(onA, Path(uuid)));
        }
        Assert.Equal(3L, (long)StoreProbe.Rows(System.IO.Path.GetDirectoryName(file)!, "SELECT COUNT(*) FROM keys", "shared.db")[0][0]!);
    }
}
