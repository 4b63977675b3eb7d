namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/storage/volumes Keyhold keeps, with their access and where the store keeps them.</summary>
public static class VolumeSchema
{
    private const FieldAccess Read = FieldAccess.Read;
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;
    private const FieldAccess ReadWrite = FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify;

    public static readonly ResourceSchema Schema = new(
        "volume",
        "/api/storage/volumes",
        ["uuid", "name"],
        [
            new("uuid", FieldKind.String, Read, Column: "v.uuid"),
            new("name", FieldKind.String, ReadWrite, Column: "v.name"),
            new("svm", FieldKind.Object, ReadCreate),
            new("svm.uuid", FieldKind.String, ReadCreate, Column: "v.svm_uuid"),
            new("svm.name", FieldKind.String, ReadCreate, Column: "s.name"),
            new("size", FieldKind.Integer, ReadWrite, Column: "v.size"),
            new("state", FieldKind.String, ReadWrite, Column: "v.state"),
            new("encryption", FieldKind.Object, ReadWrite),
            new("encryption.enabled", FieldKind.Boolean, ReadWrite, Column: "(v.key_id IS NOT NULL)"),
            new("encryption.key_id", FieldKind.String, Read, Column: "v.key_id"),
            new("encryption.type", FieldKind.String, Read, Column: "CASE WHEN v.key_id IS NULL THEN 'none' ELSE 'volume' END"),
            new("encryption.state", FieldKind.String, Read, Column: "v.encryption_state"),
            new("encryption.rekey", FieldKind.Boolean, FieldAccess.Modify | FieldAccess.WriteOnly),
            new("space.size", FieldKind.Integer, Read, Column: "v.size"),
            .. VolumeAttributes.Fields,
        ],
        "v.name, v.uuid");
}
