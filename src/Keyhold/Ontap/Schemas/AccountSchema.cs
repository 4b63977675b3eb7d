namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The fields of /api/security/accounts (ONTAP 9.6+), with the users table's columns behind them. A cluster account's
/// owner is the cluster itself (the admin SVM in ONTAP); password is write-only.
/// </summary>
public static class AccountSchema
{
    private const FieldAccess Read = FieldAccess.Read;
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;
    private const FieldAccess ReadWrite = FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify;

    public static readonly ResourceSchema Schema = new(
        "account",
        "/api/security/accounts",
        ["owner", "name"],
        [
            new("owner", FieldKind.Object, ReadCreate),
            new("owner.uuid", FieldKind.String, ReadCreate, Column: "COALESCE(u.svm_uuid, c.uuid)"),
            new("owner.name", FieldKind.String, ReadCreate, Column: "COALESCE(s.name, c.name)"),
            new("name", FieldKind.String, ReadCreate, Column: "u.name"),
            new("scope", FieldKind.String, Read, Column: "CASE WHEN u.svm_uuid IS NULL THEN 'cluster' ELSE 'svm' END"),
            new("role", FieldKind.Object, ReadWrite),
            new("role.name", FieldKind.String, ReadWrite, Column: "u.role"),
            new("applications", FieldKind.Object, ReadWrite, InArray: true),
            new("applications.application", FieldKind.String, ReadWrite, InArray: true),
            new("applications.authentication_methods", FieldKind.String, ReadWrite, InArray: true),
            new("applications.second_authentication_method", FieldKind.String, ReadWrite, InArray: true),
            new("password", FieldKind.String, FieldAccess.Create | FieldAccess.Modify | FieldAccess.WriteOnly),
            new("locked", FieldKind.Boolean, ReadWrite),
            new("comment", FieldKind.String, ReadWrite, Column: "u.comment"),
        ],
        "u.name");
}
