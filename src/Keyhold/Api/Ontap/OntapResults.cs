using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>Every ONTAP response body goes through here (Accept negotiation and the hal+json content type live in one place).</summary>
public static class OntapResults
{
    /// <summary>A JSON body. <c>Accept: application/json</c> strips every <c>_links</c> except the collection's <c>next</c>.</summary>
    public static OntapJsonResult Json(HttpContext http, JsonNode body, int status = StatusCodes.Status200OK) => new(body, status);

    /// <summary>404 code 3 for an unknown path under /api.</summary>
    public static OntapJsonResult NotFoundApi() => Error(OntapErrors.ApiNotFound.With());

    /// <summary>The error envelope of an exception, as a result.</summary>
    public static OntapJsonResult Error(OntapException error) => OntapErrorEnvelope.Result(error);

    /// <summary>
    /// 201 with a Location header. With <c>return_records=true</c> the body is <c>{"num_records":1,"records":[record]}</c>
    /// (the record as given: resources pass key fields, <c>_links</c> and whatever else they echo); otherwise <c>{}</c>.
    /// </summary>
    public static OntapCreatedResult Created(HttpContext http, string location, JsonObject? record)
    {
        var body = record is not null && ReturnRecords(http)
            ? new JsonObject { ["num_records"] = 1, ["records"] = new JsonArray(record) }
            : [];
        return new OntapCreatedResult(location, body);
    }

    /// <summary>200 <c>{}</c> for PATCH and DELETE.</summary>
    public static OntapOkResult Ok(HttpContext http) => new([]);

    /// <summary>200 <c>{"num_records":N}</c> for query-based PATCH and DELETE (N may be 0: nothing matched is not an error).</summary>
    public static OntapOkResult Ok(HttpContext http, int numRecords) => new(new JsonObject { ["num_records"] = numRecords });

    /// <summary>202 <c>{"job":{"uuid","_links":{"self":{"href":"/api/cluster/jobs/uuid"}}}}</c>, or another status for a job that already ended.</summary>
    public static OntapAcceptedResult Accepted(HttpContext http, Guid jobUuid, int status = StatusCodes.Status202Accepted)
    {
        var job = new JsonObject { ["uuid"] = jobUuid.ToString("D"), ["_links"] = OntapLinks.Self(OntapLinks.Job(jobUuid)) };
        return new OntapAcceptedResult(jobUuid, new JsonObject { ["job"] = job }, status);
    }

    private static bool ReturnRecords(HttpContext http) =>
        bool.TryParse(http.Request.Query[QueryParameters.ReturnRecords].ToString(), out var value) && value;
}
