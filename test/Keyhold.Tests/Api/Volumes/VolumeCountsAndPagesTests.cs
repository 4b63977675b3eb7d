using System.Globalization;
using System.Net;
using System.Text.Json;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Api.Volumes;

/// <summary>
/// Issue 14: unfiltered counts come from counts kept beside the rows, prefix filters use a range an index serves, and
/// volume pages are written row by row; on both stores, what a client reads must be what the store holds, and each
/// record of a page must be byte for byte the record a single GET answers.
/// </summary>
public sealed class VolumeCountsAndPagesTests
{
    private const string Password = "dials-and-gauges-7";

    [Fact]
    public async Task Counts_filters_and_pages_agree_with_the_store_on_sqlite()
    {
        using var factory = new KeyholdFactory();
        await RunAsync(factory);
    }

    [SkippableFact]
    public async Task Counts_filters_and_pages_agree_with_the_store_on_postgres()
    {
        using var database = PostgresDatabase.Create();
        using var factory = new KeyholdFactory(postgres: database.ConnectionString);
        await RunAsync(factory);
    }

    private static async Task RunAsync(KeyholdFactory factory)
    {
        var admin = factory.Admin();
        var km = await OnboardSetup.EnableAsync(admin);
        var vs1 = await VolumeSetup.SvmAsync(admin, "vs1");
        await VolumeSetup.SvmAsync(admin, "vs2");
        for (var i = 1; i <= 6; i++)
        {
            await VolumeSetup.VolumeAsync(admin, $"vol0{i}", "vs1", encrypted: true);
        }
        foreach (var name in new[] { "VOL07", "Alpha", "alpha2", "beta" })
        {
            await VolumeSetup.VolumeAsync(admin, name, "vs2", encrypted: false);
        }
        (await admin.PatchJsonAsync($"/api/storage/volumes/{await UuidAsync(admin, "vol02")}", new { comment = "second", size = 1L << 30 }))
            .AssertStatus(HttpStatusCode.OK);
        (await admin.PostJsonAsync("/api/security/accounts", new Dictionary<string, object> { ["name"] = "tenant", ["owner.name"] = "vs1", ["role.name"] = "vsadmin", ["password"] = Password }))
            .AssertStatus(HttpStatusCode.Created);
        var tenant = factory.Client("tenant", Password);
        var store = factory.Service<IStore>();
        var node = (await admin.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var keyIds = $"/api/security/key-managers/{km}/keys/{node}/key-ids?return_records=false";

        async Task CountsMatchStoreAsync()
        {
            Assert.Equal(await ScalarAsync(store, "SELECT COUNT(*) FROM volumes"), await NumRecordsAsync(admin, "/api/storage/volumes?return_records=false"));
            Assert.Equal(await ScalarAsync(store, $"SELECT COUNT(*) FROM volumes WHERE svm_uuid = '{vs1}'"), await NumRecordsAsync(tenant, "/api/storage/volumes?return_records=false"));
            Assert.Equal(await ScalarAsync(store, $"SELECT COUNT(*) FROM keys WHERE key_manager_uuid = '{km}'"), await NumRecordsAsync(admin, keyIds));
        }

        Assert.Equal(10, await NumRecordsAsync(admin, "/api/storage/volumes?return_records=false"));
        Assert.Equal(6, await NumRecordsAsync(tenant, "/api/storage/volumes?return_records=false"));
        Assert.Equal(6, await NumRecordsAsync(admin, keyIds));
        await CountsMatchStoreAsync();
        // max_records still bounds what a count reports, with a next link for the rest.
        var limited = await admin.GetJsonAsync("/api/storage/volumes?return_records=false&max_records=4");
        Assert.Equal(4, limited.Body!["num_records"]!.GetValue<int>());
        Assert.NotNull(limited.Body!["_links"]!["next"]);

        // A deleted encrypted volume leaves both counts; folding the appended rows changes no count.
        (await admin.DeleteJsonAsync($"/api/storage/volumes/{await UuidAsync(admin, "vol03")}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(9, await NumRecordsAsync(admin, "/api/storage/volumes?return_records=false"));
        Assert.Equal(5, await NumRecordsAsync(tenant, "/api/storage/volumes?return_records=false"));
        Assert.Equal(5, await NumRecordsAsync(admin, keyIds));
        await CountsMatchStoreAsync();
        await RowCounts.CompactAsync(store, CancellationToken.None);
        Assert.Equal(await ScalarAsync(store, "SELECT COUNT(DISTINCT name) FROM row_counts"), await ScalarAsync(store, "SELECT COUNT(*) FROM row_counts"));
        await CountsMatchStoreAsync();

        // Prefix filters are case-insensitive (ONTAP's wildcard) though an index range finds them; others as before.
        Assert.Equal(["VOL07", "vol01", "vol02", "vol04", "vol05", "vol06"], await NamesAsync(admin, "name=vol*"));
        Assert.Equal(["Alpha", "alpha2"], await NamesAsync(admin, "name=ALPHA*"));
        Assert.Equal(["alpha2"], await NamesAsync(admin, "name=al*2"));
        Assert.Equal(["vol02"], await NamesAsync(admin, "name=*02"));
        Assert.Equal(["Alpha", "alpha2", "beta"], await NamesAsync(admin, "name=!vol*"));
        Assert.Equal(["Alpha", "alpha2", "vol01"], await NamesAsync(admin, "name=a*|vol01"));
        Assert.Empty(await NamesAsync(admin, "name=vol0~*"));
        Assert.Equal(2, await NumRecordsAsync(admin, "/api/storage/volumes?name=alpha*&return_records=false"));

        // Every record of a page, at several field selections, is byte for byte what GET of that volume answers.
        foreach (var fields in new[] { "uuid", "*", "**", "name,space,files.maximum", "comment,encryption.key_id,svm.name" })
        {
            foreach (var (page, size) in new[] { ("", 0), ("&max_records=3", 3) })
            {
                var body = await admin.GetStringAsync($"/api/storage/volumes?fields={fields}{page}");
                using var document = JsonDocument.Parse(body);
                var records = document.RootElement.GetProperty("records").EnumerateArray().ToList();
                Assert.Equal(size == 0 ? 9 : size, records.Count);
                foreach (var record in records)
                {
                    var uuid = record.GetProperty("uuid").GetString();
                    Assert.Equal(await admin.GetStringAsync($"/api/storage/volumes/{uuid}?fields={fields}"), record.GetRawText());
                }
            }
        }
    }

    private static async Task<string> UuidAsync(HttpClient client, string name) =>
        (await client.GetJsonAsync($"/api/storage/volumes?name={name}")).Body!["records"]![0]!["uuid"]!.GetValue<string>();

    private static async Task<long> NumRecordsAsync(HttpClient client, string url)
    {
        var got = await client.GetJsonAsync(url);
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["num_records"]!.GetValue<long>();
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string query)
    {
        var got = await client.GetJsonAsync("/api/storage/volumes?" + query);
        got.AssertStatus(HttpStatusCode.OK);
        // Sorted here: the default order is the store's collation, and only the set is in question.
        return [.. got.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }

    private static Task<long> ScalarAsync(IStore store, string sql) =>
        store.ReadAsync(async (c, t) => Convert.ToInt64(await Db.ScalarAsync(c, null, sql, t), CultureInfo.InvariantCulture));
}
