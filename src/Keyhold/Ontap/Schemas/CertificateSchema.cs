namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/security/certificates (9.7 shape, plus 9.8's name).</summary>
public static class CertificateSchema
{
    /// <summary>
    /// Since 9.6. <c>name</c> came in 9.8: a 9.7 cluster refuses the <c>name</c> filter with 262179 "Unexpected argument",
    /// which na_ontap_security_certificates reads as "fall back to common_name and type".
    /// </summary>
    public static readonly VersionTable Versions = new(OntapVersion.V9_6)
    {
        Fields = { ["name"] = OntapVersion.V9_8 },
    };

    // After Versions: static fields initialise in order.
    public static ResourceSchema Schema { get; } = Build();

    private static ResourceSchema Build()
    {
        const FieldAccess read = FieldAccess.Read;
        const FieldAccess readCreate = FieldAccess.Read | FieldAccess.Create;
        return new ResourceSchema(
            "security_certificate",
            "/api/security/certificates",
            ["uuid"],
            [
                new("uuid", FieldKind.String, read, Column: "c.uuid"),
                new("name", FieldKind.String, readCreate, Column: "c.name"),
                new("scope", FieldKind.String, readCreate, Column: "c.scope"),
                new("svm", FieldKind.Object, readCreate),
                new("svm.uuid", FieldKind.String, readCreate, Column: "c.svm_uuid"),
                new("svm.name", FieldKind.String, readCreate, Column: "s.name"),
                new("type", FieldKind.String, readCreate, Column: "c.type"),
                new("common_name", FieldKind.String, readCreate, Column: "c.common_name"),
                new("serial_number", FieldKind.String, read, Column: "c.serial_number"),
                new("ca", FieldKind.String, read, Column: "c.ca"),
                new("expiry_time", FieldKind.String, readCreate),
                new("hash_function", FieldKind.String, readCreate, Column: "c.hash_function"),
                new("key_size", FieldKind.Integer, readCreate, Column: "c.key_size"),
                new("public_certificate", FieldKind.String, readCreate),
                new("private_key", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly),
                new("intermediate_certificates", FieldKind.String, readCreate, InArray: true),
            ],
            "c.uuid")
        { Versions = Versions };
    }
}
