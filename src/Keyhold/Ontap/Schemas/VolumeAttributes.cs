
namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The stored-only volume fields, with ONTAP's types, values and defaults: those Ansible's na_ontap_volume reads
/// and writes. They live in volumes.attributes (JSON); the store extracts them to filter and order (FieldDef.JsonColumn).
/// </summary>
public static class VolumeAttributes
{
    private const FieldAccess Read = FieldAccess.Read;
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;
    private const FieldAccess ReadModify = FieldAccess.Read | FieldAccess.Modify;
    private const FieldAccess ReadWrite = FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify;

    public static readonly VolumeAttribute[] All =
    [
        // Keyhold keeps FlexVols only: a FlexGroup's constituents would be pure invention.
        VolumeAttribute.Choice("style", ReadCreate, "flexvol", "flexvol"),
        VolumeAttribute.Choice("type", ReadCreate, "rw", "rw", "dp", "ls"),
        VolumeAttribute.Custom("language", FieldKind.String, ReadCreate, VolumeValues.Language),
        VolumeAttribute.Text("comment", ReadWrite, 0, 1023),
        VolumeAttribute.Choice("tiering.policy", ReadWrite, "none", "all", "auto", "backup", "none", "snapshot-only"),
        VolumeAttribute.Custom("nas.path", FieldKind.String, ReadWrite, VolumeValues.JunctionPath) with { EmptyClears = true },
        VolumeAttribute.Text("nas.export_policy.name", ReadWrite, 1, 256),
        VolumeAttribute.Choice("nas.security_style", ReadWrite, null, "mixed", "ntfs", "unified", "unix"),
        VolumeAttribute.Custom("nas.unix_permissions", FieldKind.Integer, ReadWrite, VolumeValues.UnixPermissions),
        VolumeAttribute.Number("nas.uid", ReadWrite, null, 0, uint.MaxValue),
        VolumeAttribute.Number("nas.gid", ReadWrite, null, 0, uint.MaxValue),
        VolumeAttribute.Text("qos.policy.name", ReadWrite, 1, 127),
        VolumeAttribute.Text("snapshot_policy.name", ReadWrite, 1, 256) with { Default = "default" },
        VolumeAttribute.Number("space.snapshot.reserve_percent", ReadWrite, 5, 0, 90),
        VolumeAttribute.Flag("space.logical_space.enforcement", ReadWrite, false),
        VolumeAttribute.Flag("space.logical_space.reporting", ReadWrite, false),
        VolumeAttribute.Choice("guarantee.type", ReadWrite, "volume", "volume", "none"),
        VolumeAttribute.Choice("efficiency.compression", ReadWrite, "none", "inline", "background", "both", "none"),
        VolumeAttribute.Text("efficiency.policy.name", ReadWrite, 1, 256),
        // Until set, ONTAP's default for the size (Api's VolumeJson); clients such as Ansible expect a number.
        VolumeAttribute.Number("files.maximum", ReadModify, null, 1, int.MaxValue) with { ComputedDefault = true },
        // No SnapLock: every volume is a plain one.
        VolumeAttribute.Choice("snaplock.type", Read, "non_snaplock", "non_snaplock"),
    ];

    /// <summary>The schema's fields for the attributes and the aggregates (aggregates.uuid is derived, so read-only).</summary>
    public static IEnumerable<FieldDef> Fields =>
    [
        .. All.Select(a => a.FieldIn("v.attributes")),
        new("aggregates", FieldKind.Object, ReadCreate, InArray: true),
        new("aggregates.name", FieldKind.String, ReadCreate, InArray: true),
        new("aggregates.uuid", FieldKind.String, Read, InArray: true),
    ];
}
