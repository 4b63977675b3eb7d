using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Keys;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Clients;

/// <summary>
/// Issue 12 "done means": Ansible's generic na_ontap_restit (Debian's netapp.ontap 22.7) drives auth-keys (POST, GET,
/// DELETE) and restore against a real keyhold process; the test checks what came back and what was stored, in Keyhold's
/// store and on the PyKMIP servers.
/// </summary>
public sealed class AnsibleRestitTests
{
    [SkippableFact]
    public async Task Restit_drives_auth_keys_and_restore_and_the_keys_land_where_it_says()
    {
        Requirements.Ansible();
        using var sibling = new KmipSibling();
        using var keyhold = new KeyholdProcess();
        using var client = keyhold.Client();
        var peer = KmipPeers.A;
        // An external key manager on A with an encrypted volume; then the sibling joins as a second primary without it.
        var km = await ExternalOnAsync(client, peer);
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
        (await client.PostJsonAsync("/api/storage/volumes?return_timeout=30", new { name = "vol1", svm = new { name = "vs1" }, size = 1L << 30, encryption = new { enabled = true } }))
            .AssertStatus(HttpStatusCode.Created);
        (await client.PostJsonAsync($"/api/security/key-managers/{km}/key-servers", new { server = sibling.Server })).AssertStatus(HttpStatusCode.Created);
        (await client.PatchJsonAsync($"/api/security/key-managers/{km}/key-servers/{sibling.Server}", new { secondary_key_servers = new[] { "10.1.2.3:5697" } }))
            .AssertStatus(HttpStatusCode.OK);
        var volumeKey = (string)StoreProbe.Rows(keyhold.DataDir, "SELECT key_id FROM keys WHERE key_type = 'vek'").Single()[0]!;

        var outcome = await AnsibleTests.RunAsync(keyhold, "restit_keys.yml", new JsonObject
        {
            ["km"] = km,
            ["source"] = peer.Server,
            ["secondary"] = "10.1.2.3:5697",
        });

        // POST auth-keys: 201 and the record; GET listed it with its tag.
        Assert.Equal(201, outcome["created_status"]!.GetValue<int>());
        var authKey = outcome["created"]!["records"]![0]!["key_id"]!.GetValue<string>();
        var listed = Assert.Single(outcome["listed"]!["records"]!.AsArray())!;
        Assert.Equal(authKey, listed["key_id"]!.GetValue<string>());
        Assert.Equal("ansible-ak", listed["key_tag"]!.GetValue<string>());
        // restore: the job ran to success and says what it restored; the refused call got ONTAP's code.
        var job = Assert.Single(outcome["jobs"]!["records"]!.AsArray())!;
        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Contains($"{volumeKey} on {sibling.Server}", job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Checked 2 key(s)", job["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("65538500", outcome["refused_code"]!.GetValue<string>());
        // DELETE: 200, and the list is empty.
        Assert.Equal(200, outcome["deleted_status"]!.GetValue<int>());
        Assert.Equal(0, outcome["listed_again"]!["num_records"]!.GetValue<int>());

        // Stored: the volume key is now recorded on both primaries, and the sibling's copy is A's key byte for byte.
        var locations = KeyLocations.Read((string)StoreProbe.Rows(keyhold.DataDir, $"SELECT metadata FROM keys WHERE key_id = '{volumeKey}'").Single()[0]!);
        Assert.Equal(new[] { peer.Server, sibling.Server }.Order(StringComparer.Ordinal), locations.Select(l => l.Server).Order(StringComparer.Ordinal));
        var onA = await PeerKeys.MaterialAsync(peer, locations.Single(l => l.Server == peer.Server).KmipUid);
        Assert.NotNull(onA);
        Assert.Equal(onA, await PeerKeys.MaterialAsync(sibling.Peer, locations.Single(l => l.Server == sibling.Server).KmipUid));
        // The deleted authentication key left no row and no object on either server.
        Assert.Equal(0L, StoreProbe.Rows(keyhold.DataDir, "SELECT COUNT(*) FROM keys WHERE key_type = 'nse-ak'").Single()[0]);
        Assert.Empty(await PeerKeys.LocateAsync(peer, authKey));
        Assert.Empty(await PeerKeys.LocateAsync(sibling.Peer, authKey));
    }

    /// <summary>Installs the peer's client certificate and CA and enables an external key manager on it; returns its uuid.</summary>
    private static async Task<string> ExternalOnAsync(HttpClient client, KmipPeer peer)
    {
        var cert = await client.PostJsonAsync("/api/security/certificates?return_records=true",
            new { type = "client", public_certificate = peer.ClientCertPem, private_key = peer.ClientKeyPem });
        cert.AssertStatus(HttpStatusCode.Created);
        var ca = await client.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "server_ca", public_certificate = peer.CaPem });
        ca.AssertStatus(HttpStatusCode.Created);
        var created = await client.PostJsonAsync("/api/security/key-managers?return_records=true", new
        {
            external = new
            {
                client_certificate = new { uuid = cert.Body!["records"]![0]!["uuid"]!.GetValue<string>() },
                server_ca_certificates = new[] { new { uuid = ca.Body!["records"]![0]!["uuid"]!.GetValue<string>() } },
                servers = new[] { new { server = peer.Server } },
            },
        });
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }
}
