using System.Net;
using System.Text.Json;
using Keyhold.Api.Volumes;
using Keyhold.Tests.Cluster;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Api.Volumes;

/// <summary>
/// Issue 14 scope 3: page rows are written from ready bytes kept per row (Api/Ontap/RowBytes). Two nodes share one
/// store; node A's pages are read (so their rows are kept), then node B changes, renames and deletes what they show. A's
/// next pages must show exactly what the store now holds, each record byte for byte what a single GET answers: kept bytes
/// never serve a stale record.
/// </summary>
public sealed class PageRowBytesTests
{
    private static readonly string[] Selections = ["*", "**", "name,comment,space.size,svm.name", "uuid"];

    [Fact]
    public async Task Pages_never_show_a_row_changed_on_another_node_on_sqlite()
    {
        using var store = SharedStore.Sqlite();
        await RunAsync(store);
    }

    [SkippableFact]
    public async Task Pages_never_show_a_row_changed_on_another_node_on_postgres()
    {
        using var store = SharedStore.OnPostgres();
        await RunAsync(store);
    }

    private static async Task RunAsync(SharedStore store)
    {
        using var a = new ClusterNode("node-a", store);
        using var b = new ClusterNode("node-b", store);
        await OnboardSetup.EnableAsync(a.Admin);
        var svm = await VolumeSetup.SvmAsync(a.Admin, "vs1");
        var uuids = new List<string>();
        foreach (var name in new[] { "vol01", "vol02", "vol03", "vol04" })
            uuids.Add((await VolumeSetup.VolumeAsync(a.Admin, name, "vs1", encrypted: name != "vol04")).Uuid);

        // Twice each: the first page keeps the rows' bytes, the second is written from them.
        foreach (var fields in Selections)
        {
            await PageMatchesAsync(a.Admin, store, fields);
            await PageMatchesAsync(a.Admin, store, fields);
        }
        Assert.True(VolumeJson.PageRows.Count > 0, "the pages were written from kept rows");

        // Node B: a volume's stored attribute and size, the SVM's name (a joined column), and a delete.
        (await b.Admin.PatchJsonAsync($"/api/storage/volumes/{uuids[1]}", new { comment = "changed on b", size = 3L << 30 })).AssertStatus(HttpStatusCode.OK);
        (await b.Admin.PatchJsonAsync($"/api/svm/svms/{svm}", new { name = "vs1renamed" })).AssertStatus(HttpStatusCode.OK);
        (await b.Admin.DeleteJsonAsync($"/api/storage/volumes/{uuids[2]}")).AssertStatus(HttpStatusCode.OK);

        foreach (var fields in Selections)
        {
            var records = await PageMatchesAsync(a.Admin, store, fields);
            Assert.Equal(3, records.Count);
            Assert.DoesNotContain(records, r => r.GetProperty("uuid").GetString() == uuids[2]);
        }

        var changed = (await a.Admin.GetJsonAsync($"/api/storage/volumes?uuid={uuids[1]}&fields=comment,space.size,svm.name")).Body!["records"]![0]!;
        Assert.Equal("changed on b", changed["comment"]!.GetValue<string>());
        Assert.Equal(3L << 30, changed["space"]!["size"]!.GetValue<long>());
        Assert.Equal("vs1renamed", changed["svm"]!["name"]!.GetValue<string>());
        var svmPage = (await a.Admin.GetJsonAsync("/api/svm/svms?fields=*")).Body!["records"]!.AsArray();
        Assert.Equal("vs1renamed", Assert.Single(svmPage)!["name"]!.GetValue<string>());
    }

    /// <summary>
    /// Node A's page at <paramref name="fields"/>: every record is the single GET's bytes, and the page holds the store's
    /// volumes with their stored names and sizes.
    /// </summary>
    private static async Task<List<JsonElement>> PageMatchesAsync(HttpClient client, SharedStore store, string fields)
    {
        var body = await client.GetStringAsync($"/api/storage/volumes?fields={fields}&max_records=10");
        using var document = JsonDocument.Parse(body);
        var records = document.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone()).ToList();
        var rows = store.Rows("SELECT uuid, name, size FROM volumes").ToDictionary(r => (string)r[0]!, r => (Name: (string)r[1]!, Size: Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(rows.Keys.Order(), records.Select(r => r.GetProperty("uuid").GetString()!).Order());
        foreach (var record in records)
        {
            var uuid = record.GetProperty("uuid").GetString()!;
            Assert.Equal(await client.GetStringAsync($"/api/storage/volumes/{uuid}?fields={fields}"), record.GetRawText());
            if (record.TryGetProperty("name", out var name))
                Assert.Equal(rows[uuid].Name, name.GetString());
            if (record.TryGetProperty("space", out var space) && space.TryGetProperty("size", out var size))
                Assert.Equal(rows[uuid].Size, size.GetInt64());
        }

        return records;
    }
}
