using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Tests.Cluster;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>
/// Issue 14 scope 3: a page of SVMs or volumes is answered again from the bytes it last sent while nothing was committed
/// to the store since it was read (Api/Ontap/PageAnswers, docs/scaling.md "Kept pages"): the same bytes as reading it
/// afresh, never older than a write that finished before the GET began (through REST, by another node on the same
/// SQLite file, or by SQL run by hand on the file), and never another caller's view (an SVM administrator's pages hold
/// only its SVM; plain JSON has no _links).
/// </summary>
public sealed class KeptPageTests
{
    private const string Volumes = "/api/storage/volumes?fields=*&max_records=2";
    private const string Svms = "/api/svm/svms?fields=name,comment";

    private static Task<byte[]> GetBytesAsync(HttpClient client, string url) => KeptBytes.GetAsync(client, url);

    private static Task<byte[]> KeptAsync(HttpClient client, string url, PageAnswers answers) => KeptBytes.UntilKeptAsync(client, url, () => answers.Hits);

    /// <summary>The page's records, each checked against the single GET of its record (the bytes a fresh build writes).</summary>
    private static async Task<JsonArray> RecordsAsync(HttpClient client, byte[] page, string single, string fields)
    {
        var records = JsonNode.Parse(page)!["records"]!.AsArray();
        foreach (var record in records)
            Assert.Equal(await client.GetStringAsync($"{single}/{record!["uuid"]}?fields={fields}"), record.ToJsonString());
        return records;
    }

    [Fact]
    public async Task A_kept_page_is_the_fresh_page_until_anything_is_committed_and_is_never_another_callers_view()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        await VolumeSetup.SvmAsync(admin, "vs1");
        await VolumeSetup.SvmAsync(admin, "vs2");
        var vol1 = (await VolumeSetup.VolumeAsync(admin, "vol1", "vs1", encrypted: false)).Uuid;
        await VolumeSetup.VolumeAsync(admin, "vol2", "vs2", encrypted: false);
        await VolumeSetup.VolumeAsync(admin, "vol3", "vs2", encrypted: false);
        var answers = factory.Service<PageAnswers>();

        var first = await GetBytesAsync(admin, Volumes);
        var kept = await KeptAsync(admin, Volumes, answers);
        Assert.Equal(first, kept);
        Assert.Equal(["vol1", "vol2"], (await RecordsAsync(admin, kept, "/api/storage/volumes", "*")).Select(r => r!["name"]!.GetValue<string>()));
        Assert.EndsWith("start.offset=2", JsonNode.Parse(kept)!["_links"]!["next"]!["href"]!.GetValue<string>());

        // A write through REST: the next GET reads afresh and shows it.
        (await admin.PatchJsonAsync($"/api/storage/volumes/{vol1}", new { comment = "through rest" })).AssertStatus(HttpStatusCode.OK);
        var hits = answers.Hits;
        var afterRest = await GetBytesAsync(admin, Volumes);
        Assert.Equal(hits, answers.Hits);
        Assert.Equal("through rest", (await RecordsAsync(admin, afterRest, "/api/storage/volumes", "*"))[0]!["comment"]!.GetValue<string>());
        Assert.Equal(afterRest, await KeptAsync(admin, Volumes, answers));

        // SQL run by hand on the file, behind every repository and the store's own writer: seen by the next GET too.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(factory.DataDir, "keyhold.db")};Pooling=False"))
        using (var command = connection.CreateCommand())
        {
            connection.Open();
            command.CommandText = $"UPDATE volumes SET state = 'offline' WHERE uuid = '{vol1}'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        hits = answers.Hits;
        var afterHand = await GetBytesAsync(admin, Volumes);
        Assert.Equal(hits, answers.Hits);
        Assert.Equal("offline", (await RecordsAsync(admin, afterHand, "/api/storage/volumes", "*"))[0]!["state"]!.GetValue<string>());

        // Kept for the admin; an SVM administrator asking the same URL gets its own SVM's volumes, kept or not.
        await KeptAsync(admin, Volumes, answers);
        (await admin.PostJsonAsync("/api/security/accounts", new Dictionary<string, object> { ["name"] = "tenant", ["owner.name"] = "vs2", ["role.name"] = "vsadmin", ["password"] = "svm-admin-pass-41" }))
            .AssertStatus(HttpStatusCode.Created);
        var tenant = factory.Client("tenant", "svm-admin-pass-41");
        await KeptAsync(admin, Volumes, answers);
        for (var i = 0; i < 2; i++)
        {
            var page = JsonNode.Parse(await GetBytesAsync(tenant, Volumes))!;
            Assert.Equal(["vol2", "vol3"], page["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
            Assert.Equal("vs2", page["records"]![0]!["svm"]!["name"]!.GetValue<string>());
        }
        await KeptAsync(tenant, Volumes, answers);

        // Plain JSON is its own page (no _links but next), HAL keeps the admin's bytes.
        var plain = factory.Admin();
        plain.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var plainPage = await KeptAsync(plain, Svms, answers);
        Assert.Null(JsonNode.Parse(plainPage)!["_links"]);
        var halPage = await KeptAsync(admin, Svms, answers);
        Assert.NotNull(JsonNode.Parse(halPage)!["_links"]!["self"]);
        Assert.Equal(2, (await RecordsAsync(admin, halPage, "/api/svm/svms", "name,comment")).Count);

        // The same page with another fields value is another shape: what it writes is its own.
        var names = JsonNode.Parse(await KeptAsync(admin, "/api/svm/svms?fields=name", answers))!["records"]!.AsArray();
        Assert.All(names, r => Assert.Null(r!["comment"]));
    }

    /// <summary>A page larger than the response buffer streams out and is never kept: each GET is the whole page.</summary>
    [Fact]
    public async Task A_page_larger_than_the_buffer_is_whole_every_time()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        await VolumeSetup.SvmAsync(admin, "vs1");
        // 1,500 SVMs by hand (a fields=** page of them is ~650 KB, past the 256 KiB buffer), as bench/scripts/seed.sh does.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(factory.DataDir, "keyhold.db")};Pooling=False"))
        using (var command = connection.CreateCommand())
        {
            connection.Open();
            command.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) " +
                "INSERT INTO svms (uuid, name, state, created) SELECT printf('00000000-0000-4000-8000-%012d', i), printf('svm%06d', i), " +
                "'running', '2026-01-01T00:00:00+00:00' FROM n";
            Assert.Equal(1500, command.ExecuteNonQuery());
        }
        var answers = factory.Service<PageAnswers>();
        var hits = answers.Hits;
        byte[]? first = null;
        for (var i = 0; i < 3; i++)
        {
            var body = await GetBytesAsync(admin, "/api/svm/svms?fields=**");
            Assert.True(body.Length > 256 * 1024, $"{body.Length} bytes");
            var page = JsonNode.Parse(body)!;
            Assert.Equal(1501, page["num_records"]!.GetValue<int>());
            Assert.Equal(1501, page["records"]!.AsArray().Count);
            Assert.NotNull(page["_links"]!["self"]);
            first ??= body;
            Assert.Equal(first, body);
        }
        Assert.Equal(hits, answers.Hits);
    }

    [Fact]
    public async Task A_node_never_pages_from_before_a_write_another_node_made_on_the_shared_sqlite_file()
    {
        using var store = SharedStore.Sqlite();
        using var a = new ClusterNode("node-a", store);
        using var b = new ClusterNode("node-b", store);
        await VolumeSetup.SvmAsync(a.Admin, "vs1");
        await VolumeSetup.VolumeAsync(a.Admin, "vol0", "vs1", encrypted: false);
        var answers = a.Service<PageAnswers>();
        await KeptAsync(a.Admin, Volumes, answers);

        for (var i = 1; i <= 3; i++)
        {
            var (uuid, _) = await VolumeSetup.VolumeAsync(b.Admin, $"vol{i}", "vs1", encrypted: false);
            (await b.Admin.PatchJsonAsync($"/api/storage/volumes/{uuid}", new { comment = $"from b {i}" })).AssertStatus(HttpStatusCode.OK);
            // Node B's writes finished before this GET on node A began: A shows them, and both nodes answer alike.
            var seen = await GetBytesAsync(a.Admin, "/api/storage/volumes?fields=name,comment&order_by=name desc&max_records=1");
            var record = JsonNode.Parse(seen)!["records"]![0]!;
            Assert.Equal($"vol{i}", record["name"]!.GetValue<string>());
            Assert.Equal($"from b {i}", record["comment"]!.GetValue<string>());
            Assert.Equal(seen, await GetBytesAsync(b.Admin, "/api/storage/volumes?fields=name,comment&order_by=name desc&max_records=1"));
            Assert.Equal(i + 1, JsonNode.Parse(await GetBytesAsync(a.Admin, "/api/storage/volumes?max_records=10"))!["num_records"]!.GetValue<int>());
            await KeptAsync(a.Admin, "/api/storage/volumes?fields=name,comment&order_by=name desc&max_records=1", answers);
        }
        Assert.Equal(4L, store.Rows("SELECT COUNT(*) FROM volumes")[0][0] is { } n ? Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) : -1);
    }

    [SkippableFact]
    public async Task PostgreSQL_keeps_no_page()
    {
        using var store = SharedStore.OnPostgres();
        using var a = new ClusterNode("node-a", store);
        await VolumeSetup.SvmAsync(a.Admin, "vs1");
        var answers = a.Service<PageAnswers>();
        for (var i = 0; i < 5; i++)
            await GetBytesAsync(a.Admin, Svms);
        Assert.Equal(0, answers.Hits);
    }
}
