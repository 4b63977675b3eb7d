using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Keystores;

/// <summary>Shortcuts for key-store tests: stage inactive configurations, switch, read what the store holds.</summary>
public static class KeystoreSetup
{
    public const string Stores = "/api/security/key-stores";

    /// <summary>POST key-managers?create_inactive=true with <paramref name="body"/>; the created configuration's uuid.</summary>
    public static async Task<string> InactiveAsync(HttpClient client, object body)
    {
        var created = await client.PostJsonAsync(ExternalHost.Managers + "?create_inactive=true&return_records=true", body is JsonNode node ? node.ToJsonString() : body);
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    /// <summary>An inactive external configuration of the cluster on <paramref name="peer"/>, certificates installed first.</summary>
    public static async Task<string> InactiveExternalAsync(ExternalHost host, KmipPeer peer, params string[] servers)
    {
        var (client, ca) = await host.InstallPeerAsync(peer);
        return await InactiveAsync(host.Admin, ExternalHost.Body(client, [ca], servers.Length == 0 ? [peer.Server] : servers));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> EnableAsync(HttpClient client, string uuid, string query = "") =>
        client.PatchJsonAsync($"{Stores}/{uuid}{query}", new { enabled = true });

    /// <summary>PATCH {"enabled":true}, 202 expected; the job once it ended.</summary>
    public static async Task<JsonNode> SwitchAsync(HttpClient client, string uuid)
    {
        var accepted = await EnableAsync(client, uuid);
        accepted.AssertStatus(HttpStatusCode.Accepted);
        return await Keyhold.Tests.Volumes.VolumeSetup.JobAsync(client, accepted.Body!);
    }

    /// <summary>uuid → scope_key of every stored configuration.</summary>
    public static Dictionary<string, string> ScopeKeys(string dataDir) =>
        StoreProbe.Rows(dataDir, "SELECT uuid, scope_key FROM key_managers").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
}
