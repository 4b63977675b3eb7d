namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/svm/svms and the svms table's columns behind them.</summary>
public static class SvmSchema
{
    public static readonly ResourceSchema Schema = new(
        "svm",
        "/api/svm/svms",
        ["uuid", "name"],
        [
            new FieldDef("uuid", FieldKind.String, FieldAccess.Read, Column: "uuid"),
            new FieldDef("name", FieldKind.String, FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify, Column: "name"),
            new FieldDef("state", FieldKind.String, FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify, Column: "state"),
            .. SvmAttributes.Fields,
        ],
        "name, uuid")
    {
        Versions = new VersionTable(OntapVersion.V9_6) { Fields = SvmAttributes.Versions },
    };
}
