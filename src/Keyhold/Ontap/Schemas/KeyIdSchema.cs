namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The fields of /api/security/key-managers/{uuid}/keys/{node.uuid}/key-ids (ONTAP 9.11 key_manager_keys), read-only.
/// Node and placement fields are the same for a whole listing or computed per node, so they filter in memory.
/// </summary>
public static class KeyIdSchema
{
    /// <summary>Both GETs came in 9.11 ("The REST API is available in ONTAP 9.11 release and onwards", ONTAP's REST map).</summary>
    public static readonly VersionTable Versions = new(OntapVersion.V9_11);

    public static readonly ResourceSchema Schema = new(
        "key_manager_keys",
        "/api/security/key-managers/{security_key_manager.uuid}/keys/{node.uuid}/key-ids",
        ["key_id"],
        [
            new("key_id", FieldKind.String, Column: "k.key_id"),
            new("key_type", FieldKind.String, Column: "k.key_type"),
            new("key_store", FieldKind.String, Column: "km.kind"),
            new("key_store_type", FieldKind.String, Column: "CASE km.kind WHEN 'onboard' THEN 'okm' ELSE 'kmip' END"),
            new("key_server", FieldKind.String),
            new("key_manager", FieldKind.String),
            new("key_user", FieldKind.String, Column: "s.name"),
            new("key_tag", FieldKind.String, Column: "k.key_tag"),
            new("restored", FieldKind.Boolean),
            new("encryption_algorithm", FieldKind.String),
            new("node.uuid", FieldKind.String),
            new("node.name", FieldKind.String),
            new("svm.uuid", FieldKind.String, Column: "k.svm_uuid"),
            new("svm.name", FieldKind.String, Column: "s.name"),
            new("security_key_manager.uuid", FieldKind.String, Column: "k.key_manager_uuid"),
        ],
        "k.key_id")
    { Versions = Versions };
}
