using System.Text.Json.Nodes;
using Keyhold.Keys;
using Keyhold.External;
using Keyhold.Ontap;

namespace Keyhold.Api.External;

/// <summary>The ONTAP record of a key server; the password is never part of it.</summary>
public static class KeyServerJson
{
    public static string Collection(Guid keyManager) => KeyManager.Href(keyManager) + "/key-servers";

    /// <summary>The self link, with ':' escaped as %3A as in ONTAP's examples; both forms are accepted on input.</summary>
    public static string Href(Guid keyManager, string server) => OntapLinks.Instance(Collection(keyManager), server);

    /// <summary>As under /key-servers: echoes the key manager's uuid.</summary>
    public static JsonObject ToJson(KeyServerRecord server)
    {
        var json = new JsonObject { ["uuid"] = server.KeyManagerUuid.ToString() };
        foreach (var (name, value) in Item(server))
        {
            // Under /key-servers the secondaries are a list; a primary without any omits the key, as ONTAP's examples do.
            json[name] = name == "secondary_key_servers" ? new JsonArray([.. server.SecondaryKeyServers.Select(s => JsonValue.Create(s))]) : value?.DeepClone();
        }
        return json;
    }

    /// <summary>As in a key manager's external.servers[].</summary>
    public static JsonObject Item(KeyServerRecord server)
    {
        var json = new JsonObject
        {
            ["server"] = server.Server,
            ["timeout"] = server.Timeout,
            ["username"] = server.Username,
        };
        if (server.SecondaryKeyServers.Count > 0)
        {
            json["secondary_key_servers"] = string.Join(",", server.SecondaryKeyServers);
        }
        json["create_remove_timeout"] = server.CreateRemoveTimeout;
        if (server.Connectivity is { } connectivity)
        {
            json["connectivity"] = ConnectivityJson.ToJson(connectivity);
        }
        json["_links"] = OntapLinks.Self(Href(server.KeyManagerUuid, server.Server));
        return json;
    }
}
