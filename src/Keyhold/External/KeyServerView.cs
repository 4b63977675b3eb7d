using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.External;

/// <summary>The ONTAP record of a key server; the password is never part of it.</summary>
public sealed class KeyServerView(ConnectivityView connectivity)
{
    /// <summary>As under /key-servers: echoes the key manager's uuid.</summary>
    public async Task<JsonObject> BuildAsync(KeyServer server, bool withConnectivity, CancellationToken ct)
    {
        var json = new JsonObject { ["uuid"] = server.KeyManagerUuid.ToString() };
        foreach (var (name, value) in await ItemAsync(server, withConnectivity, ct))
        {
            json[name] = value?.DeepClone();
        }
        return json;
    }

    /// <summary>As in a key manager's external.servers[].</summary>
    public async Task<JsonObject> ItemAsync(KeyServer server, bool withConnectivity, CancellationToken ct)
    {
        var json = new JsonObject
        {
            ["server"] = server.Server,
            ["timeout"] = server.Timeout,
            ["username"] = server.Username,
        };
        if (withConnectivity)
        {
            json["connectivity"] = await connectivity.BuildAsync(server, ct);
        }
        json["_links"] = OntapLinks.Self(server.Href);
        return json;
    }
}
