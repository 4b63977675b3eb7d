namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/security/key-managers/{uuid}/auth-keys (ONTAP 9.12 key_manager_auth_key).</summary>
public static class AuthKeySchema
{
    public static readonly VersionTable Versions = new(OntapVersion.V9_12);

    // After Versions: static fields initialise in order.
    public static readonly ResourceSchema Schema = new(
        "key_manager_auth_key",
        "/api/security/key-managers/{security_key_manager.uuid}/auth-keys",
        ["key_id"],
        [
            new("key_id", FieldKind.String, FieldAccess.Read, Column: "k.key_id"),
            new("key_tag", FieldKind.String, FieldAccess.Read | FieldAccess.Create, Column: "k.key_tag"),
            new("passphrase", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly),
            new("security_key_manager", FieldKind.Object, FieldAccess.Read),
            new("security_key_manager.uuid", FieldKind.String, FieldAccess.Read, Column: "k.key_manager_uuid"),
        ],
        "k.key_id")
    { Versions = Versions };
}
