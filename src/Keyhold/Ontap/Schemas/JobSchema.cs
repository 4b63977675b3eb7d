namespace Keyhold.Ontap.Schemas;

/// <summary>The fields of /api/cluster/jobs and the jobs table's columns behind them.</summary>
public static class JobSchema
{
    public static readonly ResourceSchema Schema = new(
        "job",
        "/api/cluster/jobs",
        ["uuid"],
        [
            new FieldDef("uuid", FieldKind.String, FieldAccess.Read, Column: "uuid"),
            new FieldDef("description", FieldKind.String, FieldAccess.Read, Column: "description"),
            new FieldDef("state", FieldKind.String, FieldAccess.Read, Column: "state"),
            new FieldDef("message", FieldKind.String, FieldAccess.Read, Column: "message"),
            new FieldDef("code", FieldKind.Integer, FieldAccess.Read, Column: "code"),
            new FieldDef("start_time", FieldKind.DateTime, FieldAccess.Read, Column: "start_time"),
            new FieldDef("end_time", FieldKind.DateTime, FieldAccess.Read, Column: "end_time"),
        ],
        "start_time, uuid");
}
