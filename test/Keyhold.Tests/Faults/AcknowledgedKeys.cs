using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Faults;

/// <summary>What a fault must not have lost: every acknowledged volume is there with its key, and nothing is half-made.</summary>
public static class AcknowledgedKeys
{
    /// <summary>
    /// Through the REST door: every acknowledged volume is listed, encrypted, with the key ID it was acknowledged with,
    /// and that key is restored on the node (<paramref name="nodeName"/>, else the only one); every volume has a key and every key a volume (nothing half-made).
    /// Returns how many volumes the store holds.
    /// </summary>
    public static async Task<int> AssertAllReadableAsync(HttpClient client, IReadOnlyDictionary<string, string> acknowledged, string? nodeName = null)
    {
        var km = (await client.GetJsonAsync("/api/security/key-managers")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var node = (await client.GetJsonAsync("/api/cluster/nodes")).Body!["records"]!.AsArray()
            .First(n => nodeName is null || n!["name"]!.GetValue<string>() == nodeName)!["uuid"]!.GetValue<string>();
        var keys = await RecordsAsync(client, $"/api/security/key-managers/{km}/keys/{node}/key-ids?fields=restored");
        var volumes = await RecordsAsync(client, "/api/storage/volumes?fields=encryption");
        var restored = keys.Where(k => k["restored"]!.GetValue<bool>()).Select(k => k["key_id"]!.GetValue<string>()).ToHashSet();
        var byVolume = volumes.ToDictionary(v => v["uuid"]!.GetValue<string>(), v => v["encryption"]!);
        var lost = acknowledged.Where(a => !byVolume.TryGetValue(a.Key, out var e) || e["key_id"]?.GetValue<string>() != a.Value || !restored.Contains(a.Value)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged volumes or keys lost, e.g. {string.Join(", ", lost.Take(3))}");
        Assert.All(byVolume.Values, e => Assert.Equal("encrypted", e["state"]!.GetValue<string>()));
        Assert.Equal(keys.Count, volumes.Count);
        Assert.Equal(byVolume.Values.Select(e => e["key_id"]!.GetValue<string>()).Order(), restored.Order());
        return volumes.Count;
    }

    /// <summary>The store's own rows: every volume joined to its key, for <see cref="AssertAllStored"/>.</summary>
    public const string VolumesWithKeys = "SELECT v.uuid, v.key_id FROM volumes v JOIN keys k ON k.key_id = v.key_id";

    /// <summary>In the store itself: each acknowledged volume is there with the key ID it was acknowledged with, and that key row exists.</summary>
    public static void AssertAllStored(IEnumerable<KeyValuePair<string, string>> acknowledged, IEnumerable<object?[]> volumesWithKeys)
    {
        var stored = volumesWithKeys.ToDictionary(r => r[0]!.ToString()!, r => (string)r[1]!);
        Assert.All(acknowledged, a => Assert.Equal(a.Value, stored.GetValueOrDefault(a.Key)));
    }

    private static async Task<List<JsonNode>> RecordsAsync(HttpClient client, string url)
    {
        var records = new List<JsonNode>();
        for (string? next = url + (url.Contains('?') ? "&" : "?") + "max_records=1000"; next is not null;)
        {
            var got = await client.GetJsonAsync(next);
            got.AssertStatus(HttpStatusCode.OK);
            records.AddRange(got.Body!["records"]!.AsArray().Select(r => r!));
            next = got.Body!["_links"]?["next"]?["href"]?.GetValue<string>();
        }
        return records;
    }
}
