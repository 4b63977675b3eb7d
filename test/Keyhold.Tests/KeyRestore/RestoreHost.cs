using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Keys;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KeyRestore;

/// <summary>An external key manager on PyKMIP peer A and a private sibling, with an encrypted volume and an authentication key.</summary>
public sealed class RestoreHost : IDisposable
{
    public RestoreHost(string? release = null) => Host = new ExternalHost(release: release);

    public ExternalHost Host { get; }

    public KmipSibling Sibling { get; } = new();

    public string Uuid { get; private set; } = "";

    public string Restore => $"{ExternalHost.Managers}/{Uuid}/restore";

    /// <summary>The key manager on <paramref name="servers"/> (A and the sibling when none), one encrypted volume, one authentication key.</summary>
    public async Task<(string VolumeKey, string AuthKey)> SetUpAsync(params string[] servers)
    {
        Uuid = await Host.CreateOnAsync(KmipPeers.A, servers.Length == 0 ? [KmipPeers.A.Server, Sibling.Server] : servers);
        await Host.CreateSvmAsync("vs1");
        (await Host.Admin.PostJsonAsync("/api/storage/volumes?return_timeout=30", new { name = "vol1", svm = new { name = "vs1" }, size = 1L << 30, encryption = new { enabled = true } }))
            .AssertStatus(HttpStatusCode.Created);
        var auth = await Host.Admin.PostJsonAsync($"{ExternalHost.Managers}/{Uuid}/auth-keys?return_records=true", new { key_tag = "ak1" });
        auth.AssertStatus(HttpStatusCode.Created);
        var authKey = auth.Body!["records"]![0]!["key_id"]!.GetValue<string>();
        var volumeKey = (string)StoreProbe.Rows(Host.DataDir, "SELECT key_id FROM keys WHERE key_type = 'vek'").Single()[0]!;
        return (volumeKey, authKey);
    }

    /// <summary>The key's recorded locations, straight from the store.</summary>
    public IReadOnlyList<(string Server, string KmipUid)> Locations(string keyId) =>
        KeyLocations.Read((string)StoreProbe.Rows(Host.DataDir, $"SELECT metadata FROM keys WHERE key_id = '{keyId}'").Single()[0]!);

    public string UidOn(string keyId, KmipPeer peer) => Locations(keyId).Single(l => l.Server == peer.Server).KmipUid;

    /// <summary>The job a restore answered with, once it has ended (bounded by what a hung job would take, not by speed).</summary>
    public async Task<JsonNode> JobAsync(JsonNode answer)
    {
        var href = answer["job"]!["_links"]!["self"]!["href"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var job = (await Host.Admin.GetJsonAsync(href + "?fields=*")).Body!;
            if (job["state"]!.GetValue<string>() is "success" or "failure" || DateTime.UtcNow > deadline)
            {
                return job;
            }
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        Host.Dispose();
        Sibling.Dispose();
    }
}
