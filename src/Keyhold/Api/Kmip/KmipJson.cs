using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Keyhold.Cluster;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipObjects;
using Keyhold.KmipServer;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api.Kmip;

/// <summary>KMIP objects, clients and the listener as /api/kmip shows them. Objects carry metadata only: no material.</summary>
public static class KmipJson
{
    public static JsonObject ToJson(this KmipObject o) => new()
    {
        ["uid"] = o.Uid,
        ["owner"] = o.Owner,
        ["object_type"] = Snake(o.ObjectType.ToString()),
        ["state"] = Snake(o.State.ToString()),
        ["name"] = o.FirstName,
        ["created"] = o.Created.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        ["changed"] = o.Changed.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        ["key_manager"] = o.KeyManagerUuid is { } km ? new JsonObject { ["uuid"] = km.ToString() } : null,
        ["attributes"] = new JsonArray([.. o.Attributes.Items.Select(Attribute)]),
        ["_links"] = OntapLinks.Self(OntapLinks.Instance(KmipSchemas.Objects.CollectionPath, o.Uid)),
    };

    public static JsonObject ToJson(this KmipClientSeen c) => new()
    {
        ["identity"] = c.Identity,
        ["node"] = new JsonObject { ["uuid"] = c.NodeUuid.ToString() },
        ["first_seen"] = c.FirstSeen.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        ["last_seen"] = c.LastSeen.ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        ["connections"] = c.Connections,
    };

    public static JsonObject ToJson(this KmipListenerState s, NodeIdentity node) => new()
    {
        ["enabled"] = s.Endpoint is not null,
        ["endpoint"] = s.Endpoint,
        ["port"] = s.BoundPort,
        ["listening"] = s.Listening,
        ["open_connections"] = s.OpenConnections,
        ["refused_connections"] = s.Refused,
        ["ca_certificate"] = s.CaCertificatePem,
        ["problem"] = s.Problem,
        ["node"] = new JsonObject { ["uuid"] = node.Uuid.ToString(), ["name"] = node.Name },
        ["_links"] = OntapLinks.Self(KmipSchemas.Server.CollectionPath),
    };

    /// <summary>An attribute's value as text: numbers and enumerations as numbers, dates ISO 8601, bytes and structures hex.</summary>
    private static JsonObject Attribute(KmipAttribute a) => new()
    {
        ["name"] = a.Name,
        ["index"] = a.Index,
        ["value"] = a.Type switch
        {
            TtlvType.TextString => System.Text.Encoding.UTF8.GetString(a.Value),
            TtlvType.Integer or TtlvType.Enumeration or TtlvType.Interval => BinaryPrimitives.ReadUInt32BigEndian(a.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TtlvType.LongInteger => BinaryPrimitives.ReadInt64BigEndian(a.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            TtlvType.Boolean => a.Value[^1] == 1 ? "true" : "false",
            TtlvType.DateTime => DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(a.Value)).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
            _ => Convert.ToHexStringLower(a.Value),
        },
    };

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
