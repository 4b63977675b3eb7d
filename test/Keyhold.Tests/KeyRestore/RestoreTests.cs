using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KeyRestore;

/// <summary>
/// Issue 12 scope 2: POST /api/security/key-managers/{uuid}/restore (ONTAP 9.13) as a job, against real PyKMIP servers. A key
/// a primary really lost, or never had, is registered there again from another primary, its new location stored, and the
/// copy on the server is the same key byte for byte.
/// </summary>
public sealed class RestoreTests : IDisposable
{
    private readonly RestoreHost restore = new();

    [SkippableFact]
    public async Task A_key_a_primary_lost_is_restored_there_from_the_other_primary_and_the_job_says_so()
    {
        var (volumeKey, authKey) = await restore.SetUpAsync();
        var sibling = restore.Sibling.Peer;
        var lostUid = restore.UidOn(volumeKey, sibling);
        var original = await PeerKeys.MaterialAsync(KmipPeers.A, restore.UidOn(volumeKey, KmipPeers.A));
        await PeerKeys.DestroyAsync(sibling, lostUid);
        Assert.Null(await PeerKeys.MaterialAsync(sibling, lostUid));
        var authBefore = restore.Locations(authKey);

        var answer = await restore.Host.Admin.PostJsonAsync(restore.Restore + "?return_timeout=60", new { });

        answer.AssertStatus(HttpStatusCode.Created);
        var job = await restore.JobAsync(answer.Body!);
        Assert.Equal("success", job["state"]!.GetValue<string>());
        var message = job["message"]!.GetValue<string>();
        Assert.Contains("Checked 2 key(s)", message, StringComparison.Ordinal);
        Assert.Contains("1 restored, 1 already on every primary key server, 0 not restored", message, StringComparison.Ordinal);
        Assert.Contains($"{volumeKey} on {sibling.Server}", message, StringComparison.Ordinal);
        // Stored: the sibling's location now names a new object, which holds the same key as A's copy.
        var newUid = restore.UidOn(volumeKey, sibling);
        Assert.NotEqual(lostUid, newUid);
        Assert.NotNull(original);
        Assert.Equal(original, await PeerKeys.MaterialAsync(sibling, newUid));
        Assert.Equal(authBefore, restore.Locations(authKey));
        // The volume still reads its key through Keyhold, and the restore is in the audit.
        Assert.Equal(1, (await restore.Host.Admin.GetJsonAsync("/api/storage/volumes?encryption.enabled=true")).Body!["num_records"]!.GetValue<int>());
        // The audit is written off the request path (in batches gathered for 20 ms): wait for what was queued.
        await restore.Host.Service<Keyhold.Security.AuditLog>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        var audit = await restore.Host.Admin.GetJsonAsync("/api/security/audit/messages?fields=input,state&input=*restore*");
        Assert.Equal(1, audit.Body!["num_records"]!.GetValue<int>());

        // Run again: nothing is missing any more.
        var again = await restore.JobAsync((await restore.Host.Admin.PostJsonAsync(restore.Restore, new { })).Body!);
        Assert.Contains("0 restored, 2 already on every primary key server", again["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(newUid, restore.UidOn(volumeKey, sibling));
    }

    [SkippableFact]
    public async Task A_primary_added_after_the_keys_were_made_gets_them_and_202_comes_with_a_job_to_follow()
    {
        var (volumeKey, authKey) = await restore.SetUpAsync(KmipPeers.A.Server);
        var sibling = restore.Sibling.Peer;
        (await restore.Host.Admin.PostJsonAsync($"{ExternalHost.Managers}/{restore.Uuid}/key-servers", new { server = sibling.Server }))
            .AssertStatus(HttpStatusCode.Created);
        Assert.DoesNotContain(restore.Locations(authKey), l => l.Server == sibling.Server);

        // Only the authentication key, read from A by name.
        var answer = await restore.Host.Admin.PostJsonAsync(restore.Restore, new { key_id = authKey, key_server = KmipPeers.A.Server, key_tag = "ak1" });

        answer.AssertStatus(HttpStatusCode.Accepted);
        var job = await restore.JobAsync(answer.Body!);
        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Contains("Checked 1 key(s)", job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var copy = await PeerKeys.MaterialAsync(sibling, restore.UidOn(authKey, sibling));
        Assert.Equal(await PeerKeys.MaterialAsync(KmipPeers.A, restore.UidOn(authKey, KmipPeers.A)), copy);
        // The volume key was not asked for: still on A only.
        Assert.Equal([KmipPeers.A.Server], restore.Locations(volumeKey).Select(l => l.Server));
    }

    public void Dispose() => restore.Dispose();
}
