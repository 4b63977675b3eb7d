namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/cluster (identity and the ONTAP version clients gate on) and of /api/cluster/nodes.</summary>
public static class ClusterSchema
{
    public static readonly ResourceSchema Cluster = new(
        "cluster",
        "/api/cluster",
        [],
        [
            new("name", FieldKind.String),
            new("uuid", FieldKind.String),
            // The identity na_ontap_rest_info's cluster_identity_info asks for, patchable as in 9.7.
            new("contact", FieldKind.String, FieldAccess.Read | FieldAccess.Modify),
            new("location", FieldKind.String, FieldAccess.Read | FieldAccess.Modify),
            .. Version,
        ],
        "uuid");

    public static readonly ResourceSchema Node = new(
        "node",
        "/api/cluster/nodes",
        ["uuid", "name"],
        [
            new("uuid", FieldKind.String),
            new("name", FieldKind.String),
            new("state", FieldKind.String),
            new("membership", FieldKind.String),
            // Keyhold's own field (ONTAP's node record has none): the node's last heartbeat in the shared store.
            new("last_seen_time", FieldKind.DateTime),
            .. Version,
        ],
        "name");

    private static FieldDef[] Version =>
    [
        new("version", FieldKind.Object),
        new("version.full", FieldKind.String),
        new("version.generation", FieldKind.Integer),
        new("version.major", FieldKind.Integer),
        new("version.minor", FieldKind.Integer),
    ];
}
