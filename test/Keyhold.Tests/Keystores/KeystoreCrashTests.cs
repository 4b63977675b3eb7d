using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Keystores;

/// <summary>
/// A real `keyhold serve` killed in the middle of a switch, after keys were registered on the new key server and before
/// the transaction that moves the rows: no key is lost, the job is failed at restart, and the switch runs again.
/// </summary>
public sealed class KeystoreCrashTests
{
    private const int Volumes = 20;

    [SkippableFact]
    public async Task Killed_after_kmip_registration_and_before_the_commit_the_onboard_configuration_still_holds_every_key()
    {
        var peer = KmipPeers.A;
        var first = new KeyholdProcess();
        string dataDir = first.DataDir, okm, kmip, jobHref;
        List<string> keys;
        try
        {
            using var client = first.Client();
            okm = await OnboardSetup.EnableAsync(client);
            (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
            for (var i = 0; i < Volumes; i++)
            {
                (await client.PostJsonAsync("/api/storage/volumes?return_timeout=30", new { name = $"v{i}", svm = new { name = "vs1" }, encryption = new { enabled = true } }))
                    .AssertStatus(HttpStatusCode.Created);
            }
            keys = [.. StoreProbe.Rows(dataDir, "SELECT key_id FROM keys ORDER BY key_id").Select(r => (string)r[0]!)];
            Assert.Equal(Volumes, keys.Count);
            var cert = await InstallAsync(client, new { type = "client", public_certificate = peer.ClientCertPem, private_key = peer.ClientKeyPem });
            var ca = await InstallAsync(client, new { type = "server_ca", public_certificate = peer.CaPem });
            kmip = await KeystoreSetup.InactiveAsync(client, ExternalHost.Body(cert, [ca], [peer.Server, peer.Alias]));

            var accepted = await KeystoreSetup.EnableAsync(client, kmip);
            accepted.AssertStatus(HttpStatusCode.Accepted);
            jobHref = accepted.Body!["job"]!["_links"]!["self"]!["href"]!.GetValue<string>();
            // Keys are copied in key ID order: once the first is on the key server, the job is past KMIP registration's start.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while ((await PeerKeys.LocateAsync(peer, keys[0])).Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "The first key never reached the key server.");
                await Task.Delay(20);
            }
            first.Kill();
        }
        finally
        {
            first.Dispose();
        }
        // One transaction moves every row: all of them name one configuration, whichever the kill left.
        var holders = StoreProbe.Rows(dataDir, "SELECT DISTINCT key_manager_uuid FROM keys").Select(r => (string)r[0]!).ToList();
        Skip.If(holders.SequenceEqual([kmip]), "The switch committed before the kill landed (a very fast machine); nothing to check about a crash before the commit.");
        Assert.Equal([okm], holders);
        Assert.Equal(Volumes, StoreProbe.Rows(dataDir, "SELECT key_id FROM keys WHERE wrapped IS NOT NULL").Count);

        using var second = new KeyholdProcess(dataDir);
        using var again = second.Client();
        var failed = (await again.GetJsonAsync(jobHref)).Body!;
        Assert.Equal("failure", failed["state"]!.GetValue<string>());
        var stores = (await again.GetJsonAsync($"{KeystoreSetup.Stores}?fields=enabled,state")).Body!["records"]!.AsArray()
            .ToDictionary(r => r!["uuid"]!.GetValue<string>(), r => r!);
        Assert.True(stores[okm]["enabled"]!.GetValue<bool>());
        Assert.Equal("active", stores[okm]["state"]!.GetValue<string>());
        Assert.False(stores[kmip]["enabled"]!.GetValue<bool>());

        (await KeystoreSetup.EnableAsync(again, kmip, "?return_timeout=120")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal([kmip], StoreProbe.Rows(dataDir, "SELECT DISTINCT key_manager_uuid FROM keys").Select(r => (string)r[0]!));
        foreach (var keyId in keys)
        {
            var locations = Keyhold.Keys.KeyLocations.Read((string)StoreProbe.Rows(dataDir, $"SELECT metadata FROM keys WHERE key_id = '{keyId}'").Single()[0]!);
            Assert.Equal([peer.Server, peer.Alias], locations.Select(l => l.Server));
        }
        // The first attempt's copies of the first key are still on the server, unreferenced, and hold the same bytes as
        // the copies the rows now name: the key went through the crash unchanged.
        var copies = await PeerKeys.LocateAsync(peer, keys[0]);
        Assert.True(copies.Count > 2, $"{copies.Count} copies of the first key");
        var materials = new List<byte[]>();
        foreach (var uid in copies)
        {
            materials.Add((await PeerKeys.MaterialAsync(peer, uid))!);
        }
        Assert.All(materials, m => Assert.Equal(materials[0], m));
        Assert.Equal(32, materials[0].Length);
    }

    private static async Task<string> InstallAsync(HttpClient client, object body)
    {
        var created = await client.PostJsonAsync("/api/security/certificates?return_records=true", body);
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }
}
