namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The fields of the /api/security/key-manager-configs singleton (docs/key-manager-configs.md). Numbers and booleans are
/// also accepted as JSON text, as ONTAP's own examples send them ("20", "true").
/// </summary>
public static class KeyManagerConfigSchema
{
    private const FieldAccess ReadModify = FieldAccess.Read | FieldAccess.Modify;

    /// <summary>
    /// GET and PATCH since 9.10; the cloud KMS retry count since 9.11 (absent from the 9.10.1 PATCH page); the health
    /// monitor policy since 9.16 (the 9.16.1 page is the first with it); its Barbican entry since 9.17 (the latest docs).
    /// </summary>
    public static readonly VersionTable Versions = new(OntapVersion.V9_10)
    {
        Fields =
        {
            ["cloud_kms_retry_count"] = OntapVersion.V9_11,
            ["health_monitor_policy"] = OntapVersion.V9_16,
            ["health_monitor_policy.barbican"] = OntapVersion.V9_17,
        },
    };

    /// <summary>The keystore types of health_monitor_policy, in ONTAP's order.</summary>
    public static readonly IReadOnlyList<string> PolicyKinds = ["okm", "kmip", "akv", "gcp", "aws", "ikp", "barbican"];

    // After Versions: static fields initialise in order.
    public static readonly ResourceSchema Schema = new(
        "key_manager_config",
        "/api/security/key-manager-configs",
        [],
        [
            new("cc_mode_enabled", FieldKind.Boolean, ReadModify) { AcceptsText = true },
            new("health_monitor_polling_interval", FieldKind.Integer, ReadModify) { AcceptsText = true },
            new("cloud_kms_retry_count", FieldKind.Integer, ReadModify) { AcceptsText = true },
            // "This is not audited": write-only, so the audit replaces it and no GET returns it.
            new("passphrase", FieldKind.String, FieldAccess.Modify | FieldAccess.WriteOnly),
            .. PolicyKinds.SelectMany(kind => new FieldDef[]
            {
                new($"health_monitor_policy.{kind}.enabled", FieldKind.Boolean, ReadModify) { AcceptsText = true },
                new($"health_monitor_policy.{kind}.manage_volume_offline", FieldKind.Boolean, ReadModify) { AcceptsText = true },
            }),
        ],
        "cc_mode_enabled")
    {
        Versions = Versions,
    };
}
