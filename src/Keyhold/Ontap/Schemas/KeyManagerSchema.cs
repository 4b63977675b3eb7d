namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/security/key-managers, with their access and where the store keeps them.</summary>
public static class KeyManagerSchema
{
    private const FieldAccess Read = FieldAccess.Read;
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;
    private const FieldAccess ReadWrite = FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify;

    /// <summary>
    /// Since 9.6. policy came in 9.9 ("Introduced in: 9.9" on the GET filter list). The servers' secondaries came in 9.11.1 (usable; 9.8's docs list them); create_remove_timeout after
    /// 9.11.1 (9.13 assumed: unverified). 9.16.1 shows which configuration a record is and whether it is enabled (ONTAP
    /// docs: the configuration filters are "Introduced in: 9.16"; the 9.14.1 definition has neither field).
    /// </summary>
    public static readonly VersionTable Versions = new(OntapVersion.V9_6)
    {
        Fields =
        {
            ["policy"] = OntapVersion.V9_9,
            ["external.servers.secondary_key_servers"] = OntapVersion.V9_11,
            ["external.servers.create_remove_timeout"] = OntapVersion.V9_13,
            ["enabled"] = OntapVersion.V9_16,
            ["configuration"] = OntapVersion.V9_16,
        },
    };

    /// <summary>POST's create_inactive query parameter: first in the 9.16.1 POST page (the 9.15.1 page lacks it).</summary>
    public const string CreateInactive = "create_inactive";

    public static readonly OntapVersion CreateInactiveSince = OntapVersion.V9_16;

    // After Versions: static fields initialise in order.
    public static readonly ResourceSchema Schema = new(
        "security_key_manager",
        "/api/security/key-managers",
        ["uuid"],
        [
            new("uuid", FieldKind.String, Read, Column: "km.uuid"),
            new("scope", FieldKind.String, ReadCreate, Column: "km.scope"),
            new("svm", FieldKind.Object, ReadCreate),
            new("svm.uuid", FieldKind.String, ReadCreate, Column: "km.svm_uuid"),
            new("svm.name", FieldKind.String, ReadCreate, Column: "s.name"),
            new("onboard", FieldKind.Object, ReadWrite),
            new("onboard.enabled", FieldKind.Boolean, Read),
            new("onboard.key_backup", FieldKind.String, Read),
            new("onboard.passphrase", FieldKind.String, FieldAccess.Create | FieldAccess.Modify | FieldAccess.WriteOnly),
            // existing_passphrase is accepted in POST so the spec's 65537241 can be reported for it.
            new("onboard.existing_passphrase", FieldKind.String, FieldAccess.Create | FieldAccess.Modify | FieldAccess.WriteOnly),
            new("onboard.synchronize", FieldKind.Boolean, FieldAccess.Create | FieldAccess.Modify | FieldAccess.WriteOnly),
            .. ExternalFields.All,
            new("volume_encryption", FieldKind.Object, Read),
            new("volume_encryption.supported", FieldKind.Boolean, Read),
            new("volume_encryption.code", FieldKind.Integer, Read),
            new("volume_encryption.message", FieldKind.String, Read),
            new("is_default_data_at_rest_encryption_disabled", FieldKind.Boolean, FieldAccess.Read | FieldAccess.Modify),
            // 9.9: "Security policy associated with the key manager. This value is currently ignored if specified for the
            // onboard key manager." Set at POST only (the 9.17.1 library lists it postable, not patchable).
            new("policy", FieldKind.String, ReadCreate, Column: "km.policy"),
            new("status", FieldKind.Object, Read, Expensive: true),
            new("status.code", FieldKind.Integer, Read, Expensive: true),
            new("status.message", FieldKind.String, Read, Expensive: true),
            // enabled: false for a configuration staged with create_inactive (9.16.1); every configuration is named "default",
            // as ONTAP's 9.16.1 examples name both the enabled and the inactive one.
            new("enabled", FieldKind.Boolean, Read),
            new("configuration", FieldKind.Object, Read),
            new("configuration.uuid", FieldKind.String, Read, Column: "km.uuid"),
            new("configuration.name", FieldKind.String, Read),
        ],
        "km.uuid")
    {
        Versions = Versions,
        // The spec's "Expensive properties" of GET /security/key-managers name it so; it is each server's connectivity.
        FieldAliases = new Dictionary<string, string> { ["connectivity"] = "external.servers.connectivity" },
    };
}
