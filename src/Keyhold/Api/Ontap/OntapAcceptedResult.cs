using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>
/// A job reference: 202 of a long operation (or the status of one that ended within return_timeout),
/// <c>{"job":{"uuid","_links":{"self":{"href":"/api/cluster/jobs/uuid"}}}}</c>. The job's link stays in plain JSON too:
/// clients asking for <c>application/json</c> follow <c>job._links.self.href</c> (netapp.ontap's job wait, na_ontap_restit).
/// </summary>
public sealed class OntapAcceptedResult : OntapBodyResult
{
    internal OntapAcceptedResult(Guid jobUuid, JsonObject body, int status = StatusCodes.Status202Accepted) : base(status, null) =>
        (JobUuid, Body) = (jobUuid, body);

    public Guid JobUuid { get; }

    public JsonObject Body { get; }

    private protected override void WriteBody(Utf8JsonWriter writer, bool plain) => WriteTree(writer, Body, plain: false);
}
