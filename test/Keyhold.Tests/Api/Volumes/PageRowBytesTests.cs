using System.Net;
using System.Text.Json;
using Keyhold.Api.Volumes;
using Keyhold.Tests.Cluster;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Api.Volumes;

/// <summary>
/// Issue 14 scope 3: page rows are written from ready bytes kept per row version (Api/Ontap/RowBytes): a page reads a
/// row's uuid and the versions the store gives it and its SVM, and its other columns only when those are new. Two nodes
/// share one store; node A's pages are read (so their rows are kept), then node B changes, renames, encrypts, rekeys and
/// deletes what they show, and then the store is written behind every repository's back (an UPDATE that leaves the
/// version as it was, a deleted row inserted again with its old uuid and version). A's next pages must show exactly what
/// the store now holds, each record byte for byte what a single GET answers: kept bytes never serve a stale record,
/// whichever path wrote the row.
/// </summary>
public sealed class PageRowBytesTests
{
    private static readonly string[] Selections = ["*", "**", "name,comment,space.size,svm.name", "uuid"];
    private static readonly string[] SvmSelections = ["*", "**", "name,comment", "uuid"];

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
        foreach (var name in new[] { "vol01", "vol02", "vol03", "vol04", "vol05" })
            uuids.Add((await VolumeSetup.VolumeAsync(a.Admin, name, "vs1", encrypted: name != "vol04")).Uuid);
        await KeepPagesAsync(a.Admin, store);
        Assert.True(VolumeJson.PageRows.Count > 0, "the pages were written from kept rows");
        var versions = Versions(store);

        // Node B: a volume's stored attribute and size, the SVM's name (a joined column), a delete, an encryption and a rekey.
        (await b.Admin.PatchJsonAsync($"/api/storage/volumes/{uuids[1]}", new { comment = "changed on b", size = 3L << 30 })).AssertStatus(HttpStatusCode.OK);
        (await b.Admin.PatchJsonAsync($"/api/svm/svms/{svm}", new { name = "vs1renamed" })).AssertStatus(HttpStatusCode.OK);
        (await b.Admin.DeleteJsonAsync($"/api/storage/volumes/{uuids[2]}")).AssertStatus(HttpStatusCode.OK);
        (await b.Admin.PatchJsonAsync($"/api/storage/volumes/{uuids[3]}?return_timeout=30", new { encryption = new { enabled = true } })).AssertStatus(HttpStatusCode.OK);
        (await b.Admin.PatchJsonAsync($"/api/storage/volumes/{uuids[0]}?return_timeout=30", new { encryption = new { rekey = true } })).AssertStatus(HttpStatusCode.OK);

        // Every write gave its row a new version; the rename gave the SVM one (so all its volumes' records miss).
        var after = Versions(store);
        foreach (var changed in new[] { uuids[0], uuids[1], uuids[3], svm })
            Assert.NotEqual(versions[changed], after[changed]);
        Assert.Equal(versions[uuids[4]], after[uuids[4]]);
        Assert.False(after.ContainsKey(uuids[2]));

        foreach (var fields in Selections)
        {
            var records = await PageMatchesAsync(a.Admin, store, fields);
            Assert.Equal(4, records.Count);
            Assert.DoesNotContain(records, r => r.GetProperty("uuid").GetString() == uuids[2]);
        }

        var changedRecord = (await a.Admin.GetJsonAsync($"/api/storage/volumes?uuid={uuids[1]}&fields=comment,space.size,svm.name")).Body!["records"]![0]!;
        Assert.Equal("changed on b", changedRecord["comment"]!.GetValue<string>());
        Assert.Equal(3L << 30, changedRecord["space"]!["size"]!.GetValue<long>());
        Assert.Equal("vs1renamed", changedRecord["svm"]!["name"]!.GetValue<string>());
        var svmPage = (await a.Admin.GetJsonAsync("/api/svm/svms?fields=*")).Body!["records"]!.AsArray();
        Assert.Equal("vs1renamed", Assert.Single(svmPage)!["name"]!.GetValue<string>());

        // Behind every repository's back: an UPDATE that leaves row_version as it was, and a volume never changed since
        // its page was kept, deleted and inserted again with its old uuid (as a restore from key_backup does) and another
        // name. The store must still give both a new version, so A's kept bytes for them are not served.
        await KeepPagesAsync(a.Admin, store);
        versions = Versions(store);
        store.Execute($"UPDATE volumes SET state = 'offline', row_version = row_version WHERE uuid = '{uuids[1]}'");
        store.Execute($"UPDATE svms SET attributes = '{{\"comment\":\"set in the store\"}}' WHERE uuid = '{svm}'");
        var row = store.Rows($"SELECT svm_uuid, size, encryption_state, key_id, attributes, created FROM volumes WHERE uuid = '{uuids[4]}'")[0];
        store.Execute($"DELETE FROM volumes WHERE uuid = '{uuids[4]}'");
        store.Execute("INSERT INTO volumes (uuid, svm_uuid, name, size, state, encryption_state, key_id, attributes, created) VALUES " +
            $"('{uuids[4]}', '{row[0]}', 'vol05again', {row[1]}, 'online', '{row[2]}', '{row[3]}', '{row[4]}', '{row[5]}')");
        after = Versions(store);
        foreach (var changed in new[] { uuids[1], uuids[4], svm })
            Assert.NotEqual(versions[changed], after[changed]);

        foreach (var fields in Selections)
        {
            var records = await PageMatchesAsync(a.Admin, store, fields);
            Assert.Equal(4, records.Count);
        }
        foreach (var fields in SvmSelections)
            await SvmPageMatchesAsync(a.Admin, fields);
        var again = (await a.Admin.GetJsonAsync($"/api/storage/volumes?fields=name,state,svm.name&order_by=name")).Body!["records"]!.AsArray();
        Assert.Equal(["vol01", "vol02", "vol04", "vol05again"], again.Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal("offline", again[1]!["state"]!.GetValue<string>());
        Assert.Equal("set in the store", (await a.Admin.GetJsonAsync("/api/svm/svms?fields=comment")).Body!["records"]![0]!["comment"]!.GetValue<string>());

        // Rows stored before the row-version step hold version 0, which many rows share: their pages must still tell them
        // apart (the key then carries the uuid). The store's own triggers never give 0, so it is set with them off.
        store.Execute(store.Postgres is null
            ? "UPDATE volumes SET row_version = 0"
            : "ALTER TABLE volumes DISABLE TRIGGER volumes_versioned; UPDATE volumes SET row_version = 0; ALTER TABLE volumes ENABLE TRIGGER volumes_versioned");
        Assert.All(Versions(store).Where(v => v.Key != svm), v => Assert.Equal(0L, v.Value));
        foreach (var fields in Selections)
        {
            await PageMatchesAsync(a.Admin, store, fields);
            Assert.Equal(4, (await PageMatchesAsync(a.Admin, store, fields)).Count);
        }
    }

    /// <summary>
    /// Two stores in one process whose rows carry the same versions (two PostgreSQL databases count their sequences alike;
    /// here set by hand): each node's pages show its own store's records, never the other's kept bytes.
    /// </summary>
    [Fact]
    public async Task Pages_of_two_stores_with_equal_versions_stay_apart()
    {
        using var first = SharedStore.Sqlite();
        using var second = SharedStore.Sqlite();
        using var a = new ClusterNode("node-a", first);
        using var b = new ClusterNode("node-b", second);
        foreach (var (node, store, name) in new[] { (a, first, "volfirst"), (b, second, "volsecond") })
        {
            await VolumeSetup.SvmAsync(node.Admin, "vs1");
            await VolumeSetup.VolumeAsync(node.Admin, name, "vs1", encrypted: false);
            store.Execute("UPDATE volumes SET row_version = 7");
            store.Execute("UPDATE svms SET row_version = 9");
        }

        foreach (var fields in Selections)
        {
            foreach (var (node, store, name) in new[] { (a, first, "volfirst"), (b, second, "volsecond"), (a, first, "volfirst") })
            {
                var records = await PageMatchesAsync(node.Admin, store, fields);
                if (records.Single().TryGetProperty("name", out var shown))
                    Assert.Equal(name, shown.GetString());
            }
        }
    }

    /// <summary>Each selection's volume page and SVM page twice: the first keeps the rows' bytes, the second is written from them.</summary>
    private static async Task KeepPagesAsync(HttpClient client, SharedStore store)
    {
        foreach (var fields in Selections)
        {
            await PageMatchesAsync(client, store, fields);
            await PageMatchesAsync(client, store, fields);
        }
        foreach (var fields in SvmSelections)
        {
            await SvmPageMatchesAsync(client, fields);
            await SvmPageMatchesAsync(client, fields);
        }
    }

    /// <summary>Every volume's and SVM's row version in the store, by uuid.</summary>
    private static Dictionary<string, long> Versions(SharedStore store) =>
        store.Rows("SELECT uuid, row_version FROM volumes UNION ALL SELECT uuid, row_version FROM svms")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Node A's SVM page at <paramref name="fields"/>: every record is the single GET's bytes.</summary>
    private static async Task SvmPageMatchesAsync(HttpClient client, string fields)
    {
        var body = await client.GetStringAsync($"/api/svm/svms?fields={fields}&max_records=10");
        using var document = JsonDocument.Parse(body);
        foreach (var record in document.RootElement.GetProperty("records").EnumerateArray())
        {
            var uuid = record.GetProperty("uuid").GetString()!;
            Assert.Equal(await client.GetStringAsync($"/api/svm/svms/{uuid}?fields={fields}"), record.GetRawText());
        }
    }

    /// <summary>
    /// Node A's page at <paramref name="fields"/>: every record is the single GET's bytes, and the page holds the store's
    /// volumes with their stored names, sizes, states and key IDs.
    /// </summary>
    private static async Task<List<JsonElement>> PageMatchesAsync(HttpClient client, SharedStore store, string fields)
    {
        var body = await client.GetStringAsync($"/api/storage/volumes?fields={fields}&max_records=10");
        using var document = JsonDocument.Parse(body);
        var records = document.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone()).ToList();
        var rows = store.Rows("SELECT uuid, name, size, state, key_id FROM volumes").ToDictionary(r => (string)r[0]!,
            r => (Name: (string)r[1]!, Size: Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture), State: (string)r[3]!, KeyId: r[4] as string));
        Assert.Equal(rows.Keys.Order(), records.Select(r => r.GetProperty("uuid").GetString()!).Order());
        foreach (var record in records)
        {
            var uuid = record.GetProperty("uuid").GetString()!;
            Assert.Equal(await client.GetStringAsync($"/api/storage/volumes/{uuid}?fields={fields}"), record.GetRawText());
            if (record.TryGetProperty("name", out var name))
                Assert.Equal(rows[uuid].Name, name.GetString());
            if (record.TryGetProperty("space", out var space) && space.TryGetProperty("size", out var size))
                Assert.Equal(rows[uuid].Size, size.GetInt64());
            if (record.TryGetProperty("state", out var state))
                Assert.Equal(rows[uuid].State, state.GetString());
            if (record.TryGetProperty("encryption", out var encryption))
                Assert.Equal(rows[uuid].KeyId, encryption.TryGetProperty("key_id", out var keyId) ? keyId.GetString() : null);
        }

        return records;
    }
}
