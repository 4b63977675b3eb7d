using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Cluster;

/// <summary>A data SVM (vserver): the owner of SVM-scoped key managers, certificates and volumes.</summary>
public sealed record Svm(Guid Uuid, string Name, string State)
{
    public const string Href = "/api/svm/svms/";

    public static readonly ResourceSchema Schema = new(
        "svm",
        "/api/svm/svms",
        ["uuid", "name"],
        [
            new FieldDef("uuid", FieldKind.String, FieldAccess.Read, Column: "uuid"),
            new FieldDef("name", FieldKind.String, FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify, Column: "name"),
            new FieldDef("state", FieldKind.String, FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify, Column: "state"),
        ],
        "name, uuid");

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid.ToString(),
        ["name"] = Name,
        ["state"] = State,
        ["_links"] = Link(Uuid),
    };

    /// <summary>The nested reference other resources embed: {"uuid","name","_links"}.</summary>
    public JsonObject ToReference() => new()
    {
        ["uuid"] = Uuid.ToString(),
        ["name"] = Name,
        ["_links"] = Link(Uuid),
    };

    public static JsonObject Link(Guid uuid) => new() { ["self"] = new JsonObject { ["href"] = Href + uuid } };
}
