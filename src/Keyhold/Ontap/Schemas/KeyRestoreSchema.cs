namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The body of POST /api/security/key-managers/{uuid}/restore (ONTAP 9.13 security_key_manager_restore_keys): every field
/// optional, each narrowing what is restored. Nothing of it is returned: the answer is a job.
/// </summary>
public static class KeyRestoreSchema
{
    public static readonly VersionTable Versions = new(OntapVersion.V9_13);

    private const FieldAccess Body = FieldAccess.Create | FieldAccess.WriteOnly;

    // After Versions: static fields initialise in order.
    public static readonly ResourceSchema Schema = new(
        "security_key_manager_restore_keys",
        "/api/security/key-managers/{security_key_manager.uuid}/restore",
        [],
        [
            new("key_id", FieldKind.String, Body),
            new("key_server", FieldKind.String, Body),
            new("key_tag", FieldKind.String, Body),
            new("node", FieldKind.Object, Body),
            new("node.name", FieldKind.String, Body),
            new("node.uuid", FieldKind.String, Body),
        ],
        "1")
    { Versions = Versions };
}
