namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of the /api/security/audit singleton (ONTAP 9.6+): whether GETs are audited, per application.</summary>
public static class AuditSettingsSchema
{
    public static readonly ResourceSchema Schema = new(
        "security_audit",
        "/api/security/audit",
        [],
        [
            new FieldDef("cli", FieldKind.Boolean, FieldAccess.Read | FieldAccess.Modify),
            new FieldDef("http", FieldKind.Boolean, FieldAccess.Read | FieldAccess.Modify),
            new FieldDef("ontapi", FieldKind.Boolean, FieldAccess.Read | FieldAccess.Modify),
        ],
        "cli");
}
