using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>202 of a long operation: <c>{"job":{"uuid","_links":{"self":{"href":"/api/cluster/jobs/uuid"}}}}</c>.</summary>
public sealed class OntapAcceptedResult : OntapBodyResult
{
    internal OntapAcceptedResult(Guid jobUuid, JsonObject body) : base(StatusCodes.Status202Accepted, null) =>
        (JobUuid, Body) = (jobUuid, body);

    public Guid JobUuid { get; }

    public JsonObject Body { get; }

    private protected override void WriteBody(Utf8JsonWriter writer, bool plain) => WriteTree(writer, Body, plain);
}
