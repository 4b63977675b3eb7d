namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The stored-only SVM fields, with ONTAP 9.7's types, values and defaults: those Ansible's na_ontap_svm reads and
/// writes. Keyhold serves no data protocol, so it keeps them as given and acts on none of them. They live in
/// svms.attributes (JSON); the store extracts them to filter and order (FieldDef.JsonColumn).
/// </summary>
public static class SvmAttributes
{
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;
    private const FieldAccess ReadWrite = FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify;

    /// <summary>The protocols an SVM record carries as <c>{enabled}</c> (POST only in 9.7).</summary>
    public static readonly string[] Protocols = ["cifs", "fcp", "iscsi", "nfs", "nvme"];

    public static readonly VolumeAttribute[] All =
    [
        VolumeAttribute.Choice("subtype", ReadCreate, "default", "default", "dp_destination", "sync_source", "sync_destination"),
        VolumeAttribute.Custom("language", FieldKind.String, ReadWrite, VolumeValues.Language) with { Default = "c.utf_8" },
        VolumeAttribute.Text("comment", ReadWrite, 0, 255),
        VolumeAttribute.Text("ipspace.name", ReadCreate, 1, 255) with { Default = "Default" },
        VolumeAttribute.Text("snapshot_policy.name", ReadWrite, 1, 256) with { Default = "default" },
        .. Protocols.Select(p => VolumeAttribute.Custom(p + ".enabled", FieldKind.Boolean, ReadCreate, _ => true)),
    ];

    /// <summary>The schema's fields for the attributes and the aggregates (aggregates.uuid is derived, so read-only).</summary>
    public static IEnumerable<FieldDef> Fields =>
    [
        .. All.Select(a => a.FieldIn("attributes")),
        new("ipspace", FieldKind.Object, ReadCreate) { AcceptsName = true },
        new("snapshot_policy", FieldKind.Object, ReadWrite) { AcceptsName = true },
        new("aggregates", FieldKind.Object, ReadWrite, InArray: true),
        new("aggregates.name", FieldKind.String, ReadWrite, InArray: true),
        new("aggregates.uuid", FieldKind.String, FieldAccess.Read, InArray: true),
    ];
}
