namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/security/roles: Keyhold's built-in roles, read-only (ONTAP: predefined roles cannot be changed).</summary>
public static class RoleSchema
{
    private const FieldAccess Read = FieldAccess.Read;

    public static readonly ResourceSchema Schema = new(
        "role",
        "/api/security/roles",
        ["owner", "name"],
        [
            new("owner", FieldKind.Object, Read),
            new("owner.uuid", FieldKind.String, Read),
            new("owner.name", FieldKind.String, Read),
            new("name", FieldKind.String, Read),
            new("builtin", FieldKind.Boolean, Read),
            new("scope", FieldKind.String, Read),
            new("privileges", FieldKind.Object, Read, InArray: true),
            new("privileges.path", FieldKind.String, Read, InArray: true),
            new("privileges.access", FieldKind.String, Read, InArray: true),
        ],
        "name");
}
