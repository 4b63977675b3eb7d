using System.Net;
using Keyhold.Keys;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.AuthKeys;

/// <summary>
/// An auth-key DELETE destroys the key on its key servers before it deletes the row: a key server that cannot destroy
/// its copy makes the DELETE 66060296 (ONTAP's "Failed to delete key from an external key server."), the row keeps the
/// locations that still hold the key (a copy destroyed elsewhere is gone for good), and the DELETE can be sent again
/// once the server is back, also when an earlier attempt revoked a copy but did not destroy it. Against PyKMIP.
/// </summary>
public sealed class AuthKeyDestroyFailureTests : IDisposable
{
    private readonly ExternalHost host = new();

    private IReadOnlyList<(string Server, string KmipUid)> Locations() =>
        KeyLocations.Read((string)StoreProbe.Rows(host.DataDir, "SELECT metadata FROM keys").Single()[0]!);

    private async Task<string> CreateAsync(string authKeys)
    {
        var created = await host.Admin.PostJsonAsync(authKeys + "?return_records=true", new { key_tag = "ak1" });
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["key_id"]!.GetValue<string>();
    }

    [SkippableFact]
    public async Task A_partial_destroy_is_66060296_and_the_row_keeps_only_the_copies_that_remain()
    {
        using var sibling = new KmipSibling();
        var uuid = await host.CreateOnAsync(KmipPeers.A, KmipPeers.A.Server, sibling.Server);
        var authKeys = $"{ExternalHost.Managers}/{uuid}/auth-keys";
        var keyId = await CreateAsync(authKeys);
        var placed = Locations();
        Assert.Equal(new[] { KmipPeers.A.Server, sibling.Server }.Order(), placed.Select(l => l.Server).Order());
        var onA = placed.Single(l => l.Server == KmipPeers.A.Server).KmipUid;
        sibling.Stop();

        (await host.Admin.DeleteJsonAsync($"{authKeys}/{keyId}"))
            .AssertError(HttpStatusCode.BadRequest, "66060296", "Failed to delete key from an external key server.", "key_id");

        // A destroyed its copy; the row now names only the sibling, which still holds the key.
        Assert.Null(await PeerKeys.MaterialAsync(KmipPeers.A, onA));
        Assert.Equal([placed.Single(l => l.Server == sibling.Server)], Locations());
        (await host.Admin.GetJsonAsync($"{authKeys}/{keyId}")).AssertStatus(HttpStatusCode.OK);

        // The sibling holds the last copy, so it cannot be removed from the key manager (as for any key in use).
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers/{sibling.Server}"))
            .AssertError(HttpStatusCode.BadRequest, "65536700");

        // The server back, the DELETE again: only the sibling's copy is left to destroy.
        sibling.Restart();
        var onSibling = placed.Single(l => l.Server == sibling.Server).KmipUid;
        Assert.NotNull(await PeerKeys.MaterialAsync(sibling.Peer, onSibling));
        (await host.Admin.DeleteJsonAsync($"{authKeys}/{keyId}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, host.Count("keys"));
        Assert.Null(await PeerKeys.MaterialAsync(sibling.Peer, onSibling));
        (await host.Admin.GetJsonAsync($"{authKeys}/{keyId}")).AssertStatus(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_copy_revoked_by_an_earlier_attempt_is_still_destroyed_on_retry()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        var authKeys = $"{ExternalHost.Managers}/{uuid}/auth-keys";
        var keyId = await CreateAsync(authKeys);
        var uid = Locations().Single().KmipUid;
        await PeerKeys.RevokeAsync(KmipPeers.A, uid);

        (await host.Admin.DeleteJsonAsync($"{authKeys}/{keyId}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(0, host.Count("keys"));
        Assert.Empty(await PeerKeys.LocateAsync(KmipPeers.A, keyId));
    }

    public void Dispose() => host.Dispose();
}
