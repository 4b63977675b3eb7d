using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Migration;

/// <summary>Shortcuts for migration tests: start a migration, follow its job, and see where keys are.</summary>
public static class MigrationSetup
{
    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string source, string destination, string query = "") =>
        client.PostJsonAsync($"{ExternalHost.Managers}/{source}/migrate{query}", new { uuid = destination });

    /// <summary>Starts a migration (202 expected) and returns its job once it ended.</summary>
    public static async Task<JsonNode> RunAsync(HttpClient client, string source, string destination)
    {
        var accepted = await PostAsync(client, source, destination);
        accepted.AssertStatus(HttpStatusCode.Accepted);
        return await VolumeSetup.JobAsync(client, accepted.Body!);
    }

    /// <summary>The uuid of the key manager a key's row names.</summary>
    public static string KeyManagerOf(string dataDir, string keyId) => (string)VolumeSetup.KeyRow(dataDir, keyId)![0]!;

    /// <summary>Creates <paramref name="count"/> encrypted volumes in <paramref name="svm"/>; returns their key IDs in key ID order (the order a migration moves them).</summary>
    public static async Task<List<string>> VolumesAsync(HttpClient client, string svm, int count)
    {
        var keys = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            keys.Add((await VolumeSetup.VolumeAsync(client, $"{svm}_vol{i}", svm)).KeyId!);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Every key reads back (in process, from wherever its row points) with exactly the material it had before.</summary>
    public static async Task AssertUnchangedAsync(IServiceProvider services, IReadOnlyDictionary<string, byte[]> before)
    {
        var now = await Keyhold.Tests.Keys.KeyMaterial.ReadAllAsync(services);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), now.Keys.Order(StringComparer.Ordinal));
        foreach (var (keyId, material) in before)
        {
            Assert.True(material.AsSpan().SequenceEqual(now[keyId]), $"key {keyId} changed");
        }
    }
}
