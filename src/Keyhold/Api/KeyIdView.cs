using System.Text.Json.Nodes;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Keys;

namespace Keyhold.Api;

/// <summary>One key-ids record: a key seen from one node. Never carries key material, wrapped or not.</summary>
public static class KeyIdView
{
    public static string Href(Guid keyManager, Guid node, string keyId) =>
        $"{KeyManager.Href(keyManager)}/keys/{node}/key-ids/{keyId}";

    public static JsonObject Build(KeyIdRow row, KeyPlacement placement, NodeRecord node)
    {
        var key = row.Key;
        var json = new JsonObject
        {
            ["key_id"] = key.KeyId,
            ["key_type"] = key.KeyType,
            ["key_store"] = row.Kind,
            ["key_store_type"] = row.Kind == KeyManager.Onboard ? "okm" : "kmip",
        };
        if (placement.KeyServer is { } server)
        {
            json["key_server"] = server;
        }
        json["key_manager"] = placement.KeyManager;
        if (row.SvmName is { } user)
        {
            json["key_user"] = user;
        }
        if (key.KeyTag is { } tag)
        {
            json["key_tag"] = tag;
        }
        json["restored"] = placement.Restored;
        json["encryption_algorithm"] = KeyTypes.Algorithm;
        json["node"] = Reference("/api/cluster/nodes/" + node.Uuid, node.Uuid, node.Name);
        if (key.SvmUuid is { } svm)
        {
            json["svm"] = SvmReference.Of(svm, row.SvmName ?? "");
        }
        json["security_key_manager"] = Reference(KeyManager.Href(key.KeyManagerUuid), key.KeyManagerUuid, null);
        json["_links"] = Link(Href(key.KeyManagerUuid, node.Uuid, key.KeyId));
        return json;
    }

    private static JsonObject Reference(string href, Guid uuid, string? name)
    {
        var json = new JsonObject { ["uuid"] = uuid.ToString() };
        if (name is not null)
        {
            json["name"] = name;
        }
        json["_links"] = Link(href);
        return json;
    }

    private static JsonObject Link(string href) => new() { ["self"] = new JsonObject { ["href"] = href } };
}
