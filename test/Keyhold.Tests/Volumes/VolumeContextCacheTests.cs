using System.Globalization;
using System.Net;
using Keyhold.Tests.Cluster;
using Keyhold.Tests.Support;
using Keyhold.Volumes;

namespace Keyhold.Tests.Volumes;

/// <summary>
/// Issue 14 scope 2: a node keeps the SVM and effective key manager an encrypted volume POST read
/// (<see cref="NewVolumeContextCache"/>), so the next POST skips that read. Another node then replaces the key manager,
/// renames the SVM, or deletes and re-creates it. The kept entry is stale each time: node A's next POST must end as a
/// POST that arrived after the change would (its key under the new key manager, 2621462 for the old name, the volume in
/// the new SVM), and nothing may ever be stored under what the entry held.
/// </summary>
public sealed class VolumeContextCacheTests
{
    private const string Managers = "/api/security/key-managers";

    [Fact]
    public async Task A_kept_svm_or_key_manager_changed_on_another_node_is_refused_and_read_again_on_sqlite()
    {
        using var store = SharedStore.Sqlite();
        await RunAsync(store);
    }

    [SkippableFact]
    public async Task A_kept_svm_or_key_manager_changed_on_another_node_is_refused_and_read_again_on_postgres()
    {
        using var store = SharedStore.OnPostgres();
        await RunAsync(store);
    }

    private static async Task RunAsync(SharedStore store)
    {
        using var a = new ClusterNode("node-a", store);
        using var b = new ClusterNode("node-b", store);
        var kept = a.Service<NewVolumeContextCache>();
        var first = await OnboardSetup.EnableAsync(a.Admin);
        var svm = await VolumeSetup.SvmAsync(a.Admin, "vs1");

        // The first POST reads and keeps; the second is made from the kept entry.
        var (warm, _) = await VolumeSetup.VolumeAsync(a.Admin, "warm", "vs1");
        Assert.Equal(first, kept.Find(null, "vs1")?.KeyManager.Uuid.ToString());
        await VolumeSetup.VolumeAsync(a.Admin, "warm2", "vs1");
        Assert.Equal(2L, Count(store, $"SELECT COUNT(*) FROM keys WHERE key_manager_uuid = '{first}'"));

        // Node B replaces the key manager: with no keys left it may delete it; it then enables a new one, which node A
        // is synchronized to. A's entry still names the deleted one.
        foreach (var volume in store.Rows("SELECT uuid FROM volumes"))
        {
            (await b.Admin.DeleteJsonAsync($"/api/storage/volumes/{volume[0]}")).AssertStatus(HttpStatusCode.OK);
        }
        (await b.Admin.DeleteJsonAsync($"{Managers}/{first}")).AssertStatus(HttpStatusCode.OK);
        var second = await OnboardSetup.EnableAsync(b.Admin);
        (await a.Admin.PatchJsonAsync($"{Managers}/{second}", new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Passphrase } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal(first, kept.Find(null, "vs1")?.KeyManager.Uuid.ToString());

        var (afterSwitch, keyId) = await VolumeSetup.VolumeAsync(a.Admin, "after_switch", "vs1");
        Assert.Equal(second, Text(store, $"SELECT key_manager_uuid FROM keys WHERE key_id = '{keyId}'"));
        Assert.Equal(0L, Count(store, $"SELECT COUNT(*) FROM keys WHERE key_manager_uuid = '{first}'"));
        Assert.Equal(second, kept.Find(null, "vs1")?.KeyManager.Uuid.ToString());
        Assert.NotEqual(warm, afterSwitch);

        // Node B renames the SVM: A's entry for "vs1" is stale, and "vs1" no longer exists.
        (await b.Admin.PatchJsonAsync($"/api/svm/svms/{svm}", new { name = "vs1renamed" })).AssertStatus(HttpStatusCode.OK);
        Assert.NotNull(kept.Find(null, "vs1"));
        var renamed = await a.Admin.PostJsonAsync("/api/storage/volumes", new { name = "old_name", svm = new { name = "vs1" }, encryption = new { enabled = true } });
        renamed.AssertError(HttpStatusCode.BadRequest, "2621462");
        Assert.Equal(0L, Count(store, "SELECT COUNT(*) FROM volumes WHERE name = 'old_name'"));
        Assert.Equal(1L, Count(store, "SELECT COUNT(*) FROM keys"));
        var (moved, _) = await VolumeSetup.VolumeAsync(a.Admin, "new_name", "vs1renamed");
        Assert.Equal(svm, Text(store, $"SELECT svm_uuid FROM volumes WHERE uuid = '{moved}'"));

        // Node B deletes an SVM and creates another of the same name: A's entry holds the old uuid.
        var gone = await VolumeSetup.SvmAsync(a.Admin, "vs2");
        var (inGone, _) = await VolumeSetup.VolumeAsync(a.Admin, "in_gone", "vs2");
        (await b.Admin.DeleteJsonAsync($"/api/storage/volumes/{inGone}")).AssertStatus(HttpStatusCode.OK);
        (await b.Admin.DeleteJsonAsync($"/api/svm/svms/{gone}")).AssertStatus(HttpStatusCode.OK);
        var again = await VolumeSetup.SvmAsync(b.Admin, "vs2");
        Assert.Equal(gone, kept.Find(null, "vs2")?.Svm.Uuid.ToString());
        var (inAgain, _) = await VolumeSetup.VolumeAsync(a.Admin, "in_again", "vs2");
        Assert.Equal(again, Text(store, $"SELECT svm_uuid FROM volumes WHERE uuid = '{inAgain}'"));
        Assert.Equal(0L, Count(store, $"SELECT COUNT(*) FROM volumes WHERE svm_uuid = '{gone}'"));

        // Every volume has its key, every key its volume.
        Assert.Equal(0L, Count(store, "SELECT COUNT(*) FROM volumes v LEFT JOIN keys k ON k.key_id = v.key_id WHERE k.key_id IS NULL"));
        Assert.Equal(0L, Count(store, "SELECT COUNT(*) FROM keys k LEFT JOIN volumes v ON v.key_id = k.key_id WHERE v.uuid IS NULL"));
    }

    private static long Count(SharedStore store, string sql) => Convert.ToInt64(store.Rows(sql).Single()[0], CultureInfo.InvariantCulture);

    private static string? Text(SharedStore store, string sql) => store.Rows(sql).Single()[0]?.ToString();
}
