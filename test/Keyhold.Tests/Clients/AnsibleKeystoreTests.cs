using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Clients;

/// <summary>
/// Issue 12: Ansible's generic na_ontap_restit drives the 9.16.1 switch from onboard to external against a real process
/// and PyKMIP (GET key-stores, POST key-managers?create_inactive=true, PATCH key-stores as a job, DELETE key-stores), and
/// a volume made before the switch has its key on the key server after it.
/// </summary>
public sealed class AnsibleKeystoreTests
{
    [SkippableFact]
    public async Task Restit_stages_an_external_configuration_switches_to_it_and_deletes_the_onboard_one()
    {
        Requirements.Ansible();
        var peer = KmipPeers.A;
        using var keyhold = new KeyholdProcess();
        using var client = keyhold.Client();
        var okm = await OnboardSetup.EnableAsync(client);
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
        var volume = await client.PostJsonAsync("/api/storage/volumes?return_timeout=30&return_records=true",
            new { name = "vol1", svm = new { name = "vs1" }, encryption = new { enabled = true } });
        volume.AssertStatus(HttpStatusCode.Created);
        var volumeUuid = volume.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var keyId = (string)StoreProbe.Rows(keyhold.DataDir, $"SELECT key_id FROM volumes WHERE uuid = '{volumeUuid}'").Single()[0]!;
        var clientCert = await InstallAsync(client, new JsonObject { ["type"] = "client", ["public_certificate"] = peer.ClientCertPem, ["private_key"] = peer.ClientKeyPem });
        var ca = await InstallAsync(client, new JsonObject { ["type"] = "server_ca", ["public_certificate"] = peer.CaPem });

        var outcome = await AnsibleTests.RunAsync(keyhold, "keystores.yml", new JsonObject
        {
            ["client_uuid"] = clientCert,
            ["ca_uuid"] = ca,
            ["server_a"] = peer.Server,
            ["okm_uuid"] = okm,
        });

        var before = Assert.Single(outcome["before"]!.AsArray())!;
        Assert.Equal("okm", before["type"]!.GetValue<string>());
        Assert.Equal("active", before["state"]!.GetValue<string>());
        var kmip = outcome["created"]!.GetValue<string>();
        Assert.True(outcome["switched"]!.GetValue<bool>());
        var after = outcome["after"]!.AsArray().ToDictionary(r => r!["uuid"]!.GetValue<string>(), r => r!);
        Assert.True(after[kmip]["enabled"]!.GetValue<bool>());
        Assert.False(after[okm]["enabled"]!.GetValue<bool>());
        Assert.Null(after[okm]["state"]);
        Assert.Equal(200, outcome["deleted"]!.GetValue<int>());
        // What the store holds: only the external configuration, enabled, holding the volume's key on the key server.
        Assert.Equal([kmip, "cluster"], StoreProbe.Rows(keyhold.DataDir, "SELECT uuid, scope_key FROM key_managers").Single());
        Assert.Equal(0, StoreProbe.Count(keyhold.DataDir, "onboard"));
        var row = StoreProbe.Rows(keyhold.DataDir, $"SELECT key_manager_uuid, wrapped, metadata FROM keys WHERE key_id = '{keyId}'").Single();
        Assert.Equal(kmip, row[0]);
        Assert.Null(row[1]);
        var location = Assert.Single(Keyhold.Keys.KeyLocations.Read((string)row[2]!));
        Assert.Equal(32, (await PeerKeys.MaterialAsync(peer, location.KmipUid))!.Length);
        // Through REST: the volume still names its key, and the key is listed under the external configuration, restored.
        var node = (string)StoreProbe.Rows(keyhold.DataDir, "SELECT uuid FROM nodes").Single()[0]!;
        var listed = await client.GetJsonAsync($"/api/security/key-managers/{kmip}/keys/{node}/key-ids?key_id={keyId}&fields=restored,key_server");
        listed.AssertStatus(HttpStatusCode.OK);
        var key = Assert.Single(listed.Body!["records"]!.AsArray())!;
        Assert.True(key["restored"]!.GetValue<bool>());
        Assert.Equal(peer.Server, key["key_server"]!.GetValue<string>());
        Assert.Equal(keyId, (await client.GetJsonAsync($"/api/storage/volumes/{volumeUuid}?fields=encryption.key_id")).Body!["encryption"]!["key_id"]!.GetValue<string>());
    }

    private static async Task<string> InstallAsync(HttpClient client, JsonObject body)
    {
        var created = await client.PostJsonAsync("/api/security/certificates?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }
}
