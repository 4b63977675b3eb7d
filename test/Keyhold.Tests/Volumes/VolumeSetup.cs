using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>Shortcuts for tests that need SVMs, volumes and finished jobs.</summary>
public static class VolumeSetup
{
    public static async Task<string> SvmAsync(HttpClient client, string name = "vs1")
    {
        var created = await client.PostJsonAsync("/api/svm/svms?return_records=true", new { name });
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    /// <summary>Creates a volume and returns its uuid and key ID (null when unencrypted).</summary>
    public static async Task<(string Uuid, string? KeyId)> VolumeAsync(HttpClient client, string name, string svm = "vs1", bool? encrypted = true)
    {
        var body = new JsonObject { ["name"] = name, ["svm"] = new JsonObject { ["name"] = svm } };
        if (encrypted is { } enabled)
        {
            body["encryption"] = new JsonObject { ["enabled"] = enabled };
        }
        var created = await client.PostJsonAsync("/api/storage/volumes?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        var record = created.Body!["records"]![0]!;
        return (record["uuid"]!.GetValue<string>(), record["encryption"]?["key_id"]?.GetValue<string>());
    }

    /// <summary>Polls a 202's job as clients do until it ends; returns the job record.</summary>
    public static async Task<JsonNode> JobAsync(HttpClient client, JsonNode accepted)
    {
        var href = accepted["job"]!["_links"]!["self"]!["href"]!.GetValue<string>();
        for (var i = 0; i < 500; i++)
        {
            var job = (await client.GetJsonAsync(href)).Body!;
            if (job["state"]!.GetValue<string>() is "success" or "failure")
            {
                return job;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The job did not end.");
    }

    public static object?[] VolumeRow(string dataDir, string uuid) =>
        StoreProbe.Rows(dataDir, $"SELECT name, svm_uuid, size, state, encryption_state, key_id FROM volumes WHERE uuid = '{uuid}'").Single();

    /// <summary>The (server, KMIP UID) pairs a stored external key records.</summary>
    public static IReadOnlyList<(string Server, string KmipUid)> Locations(string dataDir, string keyId) =>
        Keyhold.Keys.KeyLocations.Read((string)KeyRow(dataDir, keyId)![5]!);

    public static object?[]? KeyRow(string dataDir, string keyId) =>
        StoreProbe.Rows(dataDir, $"SELECT key_manager_uuid, key_type, svm_uuid, key_tag, wrapped, metadata FROM keys WHERE key_id = '{keyId}'").SingleOrDefault();
}
