namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/security/audit/messages (ONTAP 9.6+) and the audit_messages columns behind them.</summary>
public static class AuditMessageSchema
{
    // ONTAP answers this collection with whole records even without `fields`, so every field is a key field.
    public static readonly ResourceSchema Schema = new(
        "security_audit_log",
        "/api/security/audit/messages",
        ["timestamp", "node", "index", "application", "location", "user", "input", "state", "scope"],
        [
            new FieldDef("timestamp", FieldKind.DateTime, FieldAccess.Read, Column: "timestamp"),
            new FieldDef("node", FieldKind.Object, FieldAccess.Read),
            new FieldDef("node.name", FieldKind.String, FieldAccess.Read, Column: "node_name"),
            new FieldDef("node.uuid", FieldKind.String, FieldAccess.Read, Column: "node_uuid"),
            new FieldDef("index", FieldKind.Integer, FieldAccess.Read, Column: "idx"),
            new FieldDef("application", FieldKind.String, FieldAccess.Read, Column: "application"),
            new FieldDef("location", FieldKind.String, FieldAccess.Read, Column: "location"),
            new FieldDef("user", FieldKind.String, FieldAccess.Read, Column: "user_name"),
            new FieldDef("input", FieldKind.String, FieldAccess.Read, Column: "input"),
            new FieldDef("state", FieldKind.String, FieldAccess.Read, Column: "state"),
            new FieldDef("scope", FieldKind.String, FieldAccess.Read, Column: "scope"),
            new FieldDef("message", FieldKind.String, FieldAccess.Read, Column: "message"),
        ],
        "timestamp, node_uuid, idx");
}
