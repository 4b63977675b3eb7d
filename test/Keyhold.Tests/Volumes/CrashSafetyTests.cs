using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>A real keyhold process killed with SIGKILL while it creates encrypted volumes, then restarted on the same data.</summary>
public sealed class CrashSafetyTests
{
    private const int Writers = 4;
    private const int AcknowledgedBeforeKill = 40;

    [Fact]
    public async Task Every_acknowledged_volume_has_a_readable_key_after_a_kill_and_nothing_half_made_is_visible()
    {
        var dataDir = TempDir.Create();
        var acknowledged = new ConcurrentDictionary<string, string>();
        using (var server = new KeyholdProcess(dataDir))
        {
            using var client = server.Client();
            await OnboardSetup.EnableAsync(client);
            await VolumeSetup.SvmAsync(client);
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => CreateUntilDeadAsync(client, w, acknowledged))).ToArray();
            while (acknowledged.Count < AcknowledgedBeforeKill && !writers.All(t => t.IsCompleted))
            {
                await Task.Delay(5);
            }
            server.Kill();
            await Task.WhenAll(writers);
        }
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} volumes were acknowledged before the kill");

        using (var restarted = new KeyholdProcess(dataDir))
        {
            using var client = restarted.Client();
            var km = (await client.GetJsonAsync("/api/security/key-managers")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
            var node = (await client.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
            var keys = await RecordsAsync(client, $"/api/security/key-managers/{km}/keys/{node}/key-ids?fields=restored,key_tag");
            var volumes = await RecordsAsync(client, "/api/storage/volumes?fields=encryption");
            var restored = keys.Where(k => k["restored"]!.GetValue<bool>()).ToDictionary(k => k["key_id"]!.GetValue<string>(), k => k["key_tag"]!.GetValue<string>());
            var byVolume = volumes.ToDictionary(v => v["uuid"]!.GetValue<string>(), v => v["encryption"]!);
            foreach (var (uuid, keyId) in acknowledged)
            {
                Assert.Equal(keyId, byVolume[uuid]["key_id"]!.GetValue<string>());
                Assert.True(restored.ContainsKey(keyId), $"acknowledged key {keyId} is not restored");
            }
            // Whatever else got in before the kill is whole: one key per volume, one volume per key.
            Assert.Equal(volumes.Count, keys.Count);
            Assert.All(byVolume.Values, e => Assert.Equal("encrypted", e["state"]!.GetValue<string>()));
            Assert.Equal(byVolume.Values.Select(e => e["key_id"]!.GetValue<string>()).Order(), restored.Keys.Order());
        }

        Assert.Equal(0L, StoreProbe.Rows(dataDir, "SELECT COUNT(*) FROM volumes v LEFT JOIN keys k ON k.key_id = v.key_id WHERE k.key_id IS NULL")[0][0]);
        Assert.Equal(0L, StoreProbe.Rows(dataDir, "SELECT COUNT(*) FROM keys k LEFT JOIN volumes v ON v.key_id = k.key_id WHERE v.uuid IS NULL")[0][0]);
        using var inProcess = new KeyholdFactory(dataDir);
        var material = await KeyMaterial.ReadAllAsync(inProcess.Services);
        Assert.All(acknowledged.Values, keyId => Assert.Equal(32, material[keyId].Length));
    }

    /// <summary>Creates encrypted volumes until the server stops answering; records those acknowledged with 201.</summary>
    private static async Task CreateUntilDeadAsync(HttpClient client, int writer, ConcurrentDictionary<string, string> acknowledged)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                var created = await client.PostJsonAsync("/api/storage/volumes?return_records=true",
                    $$"""{"name": "w{{writer}}_v{{i}}", "svm.name": "vs1", "encryption.enabled": true}""");
                created.AssertStatus(HttpStatusCode.Created);
                var record = created.Body!["records"]![0]!;
                acknowledged[record["uuid"]!.GetValue<string>()] = record["encryption"]!["key_id"]!.GetValue<string>();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return;
            }
        }
    }

    private static async Task<List<JsonNode>> RecordsAsync(HttpClient client, string url)
    {
        var got = await client.GetJsonAsync(url);
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["records"]!.AsArray().Select(r => r!).ToList();
    }
}
