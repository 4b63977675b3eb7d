using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KeyRestore;

/// <summary>
/// Every refusal of POST …/restore (ONTAP 9.14.1's table and the conventions), each changing nothing: no job, no key row
/// changed, nothing registered.
/// </summary>
public sealed class RestoreErrorTests : IDisposable
{
    private readonly RestoreHost restore = new();

    [SkippableFact]
    public async Task Refused_requests_start_no_job_and_change_nothing()
    {
        var (volumeKey, _) = await restore.SetUpAsync();
        var admin = restore.Host.Admin;
        (await admin.PatchJsonAsync($"{ExternalHost.Managers}/{restore.Uuid}/key-servers/{restore.Sibling.Server}", new { secondary_key_servers = new[] { "10.1.2.3:5697" } }))
            .AssertStatus(HttpStatusCode.OK);
        var keysBefore = StoreProbe.Rows(restore.Host.DataDir, "SELECT key_id, metadata FROM keys ORDER BY key_id");
        var jobsBefore = restore.Host.Count("jobs");

        (await admin.PostJsonAsync(restore.Restore, new { key_server = "10.1.2.3:5697" }))
            .AssertError(HttpStatusCode.BadRequest, "65538500", "This command only restores keys from primary key servers.", "key_server");
        (await admin.PostJsonAsync(restore.Restore, new { key_server = "10.9.9.9:5696" }))
            .AssertError(HttpStatusCode.BadRequest, "65536843", "The key management server is not configured for the SVM.", "key_server");
        (await admin.PostJsonAsync(restore.Restore, new { key_server = "not a host!" })).AssertError(HttpStatusCode.BadRequest, "65536843", target: "key_server");
        (await admin.PostJsonAsync(restore.Restore, new { node = new { uuid = Guid.NewGuid() } })).AssertError(HttpStatusCode.NotFound, "4", target: "node.uuid");
        (await admin.PostJsonAsync(restore.Restore, new { node = new { name = "no-such-node" } })).AssertError(HttpStatusCode.NotFound, "4", target: "node.name");
        (await admin.PostJsonAsync(restore.Restore, new { key = "x" })).AssertError(HttpStatusCode.BadRequest, "262179", target: "key");
        (await admin.PostJsonAsync($"{ExternalHost.Managers}/{Guid.NewGuid()}/restore", new { })).AssertError(HttpStatusCode.NotFound, "4");
        (await admin.PostJsonAsync(restore.Restore + "?force=true", new { })).AssertError(HttpStatusCode.BadRequest, "262179", target: "force");

        Assert.Equal(keysBefore, StoreProbe.Rows(restore.Host.DataDir, "SELECT key_id, metadata FROM keys ORDER BY key_id"));
        Assert.Equal(jobsBefore, restore.Host.Count("jobs"));
        Assert.Single(await PeerKeys.LocateAsync(restore.Sibling.Peer, volumeKey));
    }

    [SkippableFact]
    public async Task A_volume_key_no_primary_holds_fails_the_job_with_65536855_and_an_auth_key_with_65536083()
    {
        var (volumeKey, authKey) = await restore.SetUpAsync(KmipPeers.A.Server);
        var admin = restore.Host.Admin;
        await PeerKeys.DestroyAsync(KmipPeers.A, restore.UidOn(volumeKey, KmipPeers.A));
        await PeerKeys.DestroyAsync(KmipPeers.A, restore.UidOn(authKey, KmipPeers.A));
        var keysBefore = StoreProbe.Rows(restore.Host.DataDir, "SELECT key_id, metadata FROM keys ORDER BY key_id");

        // Within return_timeout the job's error is the answer.
        (await admin.PostJsonAsync(restore.Restore + "?return_timeout=60", new { key_id = authKey }))
            .AssertError(HttpStatusCode.BadRequest, "65536083");
        var failed = await restore.JobAsync((await admin.PostJsonAsync(restore.Restore, new { })).Body!);

        Assert.Equal("failure", failed["state"]!.GetValue<string>());
        Assert.Equal(65536855, failed["code"]!.GetValue<long>());
        var message = failed["message"]!.GetValue<string>();
        Assert.StartsWith("Internal error. Failed to restore the volume encryption key.", message, StringComparison.Ordinal);
        Assert.Contains($"{volumeKey} (no primary key server it may be restored from holds it", message, StringComparison.Ordinal);
        Assert.Equal(keysBefore, StoreProbe.Rows(restore.Host.DataDir, "SELECT key_id, metadata FROM keys ORDER BY key_id"));
    }

    public void Dispose() => restore.Dispose();
}
