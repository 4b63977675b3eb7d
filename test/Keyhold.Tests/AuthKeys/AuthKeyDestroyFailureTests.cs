using System.Net;
using Keyhold.Keys;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.AuthKeys;

/// <summary>
/// An auth-key DELETE destroys the key on its key servers before it deletes the row: a key server that cannot destroy
/// its copy makes the DELETE 66060296 (ONTAP's "Failed to delete key from an external key server.") with the row as it
/// was, and the DELETE can be sent again once the server is fixed or removed. Against PyKMIP.
/// </summary>
public sealed class AuthKeyDestroyFailureTests : IDisposable
{
    private readonly ExternalHost host = new();

    private string KeyRows() => string.Join("\n", StoreProbe.Rows(host.DataDir, "SELECT * FROM keys ORDER BY key_id").Select(r => string.Join("|", r)));

    [SkippableFact]
    public async Task A_key_server_that_cannot_destroy_the_key_keeps_its_row_and_the_delete_is_66060296()
    {
        using var sibling = new KmipSibling();
        var uuid = await host.CreateOnAsync(KmipPeers.A, KmipPeers.A.Server, sibling.Server);
        var authKeys = $"{ExternalHost.Managers}/{uuid}/auth-keys";
        var created = await host.Admin.PostJsonAsync(authKeys + "?return_records=true", new { key_tag = "ak1" });
        created.AssertStatus(HttpStatusCode.Created);
        var keyId = created.Body!["records"]![0]!["key_id"]!.GetValue<string>();
        var metadata = (string)StoreProbe.Rows(host.DataDir, "SELECT metadata FROM keys").Single()[0]!;
        Assert.Equal(new[] { KmipPeers.A.Server, sibling.Server }.Order(), KeyLocations.Read(metadata).Select(l => l.Server).Order());
        var before = KeyRows();
        sibling.Stop();

        (await host.Admin.DeleteJsonAsync($"{authKeys}/{keyId}"))
            .AssertError(HttpStatusCode.BadRequest, "66060296", "Failed to delete key from an external key server.", "key_id");

        Assert.Equal(before, KeyRows());
        (await host.Admin.GetJsonAsync($"{authKeys}/{keyId}")).AssertStatus(HttpStatusCode.OK);

        // The failing server removed, the DELETE again: A's copy, destroyed by the first attempt, counts as destroyed.
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers/{sibling.Server}")).AssertStatus(HttpStatusCode.OK);
        (await host.Admin.DeleteJsonAsync($"{authKeys}/{keyId}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, host.Count("keys"));
        (await host.Admin.GetJsonAsync($"{authKeys}/{keyId}")).AssertStatus(HttpStatusCode.NotFound);
    }

    public void Dispose() => host.Dispose();
}
