namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The fields of /api/security/key-stores (ONTAP security_keystore): one record per key-manager configuration, enabled
/// or inactive. The key-store uuid is the key manager's uuid, as in ONTAP's examples.
/// </summary>
public static class KeystoreSchema
{
    /// <summary>
    /// GET of the collection since 9.10; GET, PATCH and DELETE of one record since 9.14 ("Introduced In: 9.14" on the
    /// 9.15.1, 9.16.1 and latest GET /{uuid} pages; the 9.14 PATCH and DELETE pages). The 9.14 filters add enabled,
    /// configuration and scope; state is "Introduced in: 9.16".
    /// </summary>
    public static readonly VersionTable Versions = new(OntapVersion.V9_10)
    {
        Endpoints =
        {
            ["GET /{uuid}"] = OntapVersion.V9_14,
            ["PATCH /{uuid}"] = OntapVersion.V9_14,
            ["DELETE /{uuid}"] = OntapVersion.V9_14,
        },
        Fields =
        {
            ["enabled"] = OntapVersion.V9_14,
            ["configuration"] = OntapVersion.V9_14,
            ["scope"] = OntapVersion.V9_14,
            ["state"] = OntapVersion.V9_16,
        },
    };

    // After Versions: static fields initialise in order.
    public static readonly ResourceSchema Schema = new(
        "security_keystore",
        "/api/security/key-stores",
        ["uuid"],
        [
            new("uuid", FieldKind.String, FieldAccess.Read, Column: "km.uuid"),
            new("type", FieldKind.String, FieldAccess.Read),
            new("location", FieldKind.String, FieldAccess.Read),
            new("svm", FieldKind.Object, FieldAccess.Read),
            new("svm.uuid", FieldKind.String, FieldAccess.Read, Column: "km.svm_uuid"),
            new("svm.name", FieldKind.String, FieldAccess.Read, Column: "s.name"),
            // The one field PATCH takes: {"enabled": true} enables or switches to the configuration.
            new("enabled", FieldKind.Boolean, FieldAccess.Read | FieldAccess.Modify),
            new("configuration", FieldKind.Object, FieldAccess.Read),
            new("configuration.uuid", FieldKind.String, FieldAccess.Read, Column: "km.uuid"),
            new("configuration.name", FieldKind.String, FieldAccess.Read),
            new("scope", FieldKind.String, FieldAccess.Read, Column: "km.scope"),
            new("state", FieldKind.String, FieldAccess.Read),
        ],
        "km.uuid")
    { Versions = Versions };
}
