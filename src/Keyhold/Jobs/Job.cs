using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Jobs;

/// <summary>
/// An operation that runs in the background; clients poll /api/cluster/jobs/{uuid}. <see cref="Node"/> runs it (null for
/// jobs stored before jobs recorded their node), so a restarted node can tell which interrupted jobs are its own.
/// </summary>
public sealed record Job(Guid Uuid, string Description, string State, string Message, long Code, DateTimeOffset StartTime, DateTimeOffset? EndTime, Guid? Node)
{
    public const string Queued = "queued", Running = "running", Success = "success", Failure = "failure";

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

    public static string Href(Guid uuid) => "/api/cluster/jobs/" + uuid;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["uuid"] = Uuid.ToString(),
            ["description"] = Description,
            ["state"] = State,
            ["message"] = Message,
            ["code"] = Code,
            ["start_time"] = StartTime.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        };
        if (EndTime is { } end)
        {
            json["end_time"] = end.ToString("yyyy-MM-ddTHH:mm:sszzz");
        }
        json["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Href(Uuid) } };
        return json;
    }
}
