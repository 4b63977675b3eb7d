using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>
/// 202 of a long operation (or 200 when it ended within return_timeout): <c>{"job":{"uuid","_links":{"self":{"href":"/api/cluster/jobs/uuid"}}}}</c>.
/// The job's link stays with <c>Accept: application/json</c> too: clients follow it to the job (Ansible's wait_on_job
/// reads <c>job._links.self.href</c> and fails without it, and na_ontap_restit asks for plain JSON).
/// </summary>
public sealed class OntapAcceptedResult : OntapBodyResult
{
    internal OntapAcceptedResult(Guid jobUuid, JsonObject body, int status = StatusCodes.Status202Accepted) : base(status, null) =>
        (JobUuid, Body) = (jobUuid, body);

    public Guid JobUuid { get; }

    public JsonObject Body { get; }

    private protected override void WriteBody(Utf8JsonWriter writer, bool plain) => WriteTree(writer, Body, plain: false);
}
