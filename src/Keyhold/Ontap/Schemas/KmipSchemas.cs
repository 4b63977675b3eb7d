namespace Keyhold.Ontap.Schemas;

/// <summary>
/// Keyhold's KMIP admin resources (outside ONTAP's names, under /api/kmip): objects' metadata, never their material;
/// the clients the cluster has seen; this node's listener.
/// </summary>
public static class KmipSchemas
{
    public static readonly ResourceSchema Objects = new(
        "kmip_object",
        "/api/kmip/objects",
        ["uid"],
        [
            new FieldDef("uid", FieldKind.String, Column: "uid"),
            new FieldDef("owner", FieldKind.String, Column: "owner"),
            new FieldDef("object_type", FieldKind.String),
            new FieldDef("state", FieldKind.String),
            new FieldDef("name", FieldKind.String, Column: "name"),
            new FieldDef("created", FieldKind.DateTime, Column: "created"),
            new FieldDef("changed", FieldKind.DateTime, Column: "changed"),
            new FieldDef("key_manager", FieldKind.Object),
            new FieldDef("key_manager.uuid", FieldKind.String, Column: "key_manager_uuid"),
            new FieldDef("attributes", FieldKind.Object, Expensive: true),
            new FieldDef("attributes.name", FieldKind.String, Expensive: true, InArray: true),
            new FieldDef("attributes.index", FieldKind.Integer, Expensive: true, InArray: true),
            new FieldDef("attributes.value", FieldKind.String, Expensive: true, InArray: true),
        ],
        "created, uid");

    public static readonly ResourceSchema Clients = new(
        "kmip_client",
        "/api/kmip/clients",
        ["identity", "node.uuid"],
        [
            new FieldDef("identity", FieldKind.String, Column: "identity"),
            new FieldDef("node", FieldKind.Object),
            new FieldDef("node.uuid", FieldKind.String, Column: "node_uuid"),
            new FieldDef("first_seen", FieldKind.DateTime, Column: "first_seen"),
            new FieldDef("last_seen", FieldKind.DateTime, Column: "last_seen"),
            new FieldDef("connections", FieldKind.Integer, Column: "connections"),
        ],
        "identity, node_uuid");

    public static readonly ResourceSchema Server = new(
        "kmip_server",
        "/api/kmip/server",
        [],
        [
            new FieldDef("enabled", FieldKind.Boolean),
            new FieldDef("endpoint", FieldKind.String),
            new FieldDef("port", FieldKind.Integer),
            new FieldDef("listening", FieldKind.Boolean),
            new FieldDef("open_connections", FieldKind.Integer),
            new FieldDef("refused_connections", FieldKind.Integer),
            new FieldDef("ca_certificate", FieldKind.String),
            new FieldDef("problem", FieldKind.String),
            new FieldDef("node", FieldKind.Object),
            new FieldDef("node.uuid", FieldKind.String),
            new FieldDef("node.name", FieldKind.String),
        ],
        "");
}
