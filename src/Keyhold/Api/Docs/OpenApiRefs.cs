namespace Keyhold.Api.Docs;

/// <summary>Names of the shared components and how to point at them.</summary>
public static class OpenApiRefs
{
    public const string LinksSchema = "_links";
    public const string ErrorSchema = "error_response";
    public const string JobSchema = "job_link_response";
    public const string CountSchema = "num_records_response";
    public const string ErrorResponse = "error";
    public const string BasicAuth = "basic_auth";

    public static string Schema(string name) => "#/components/schemas/" + name;

    public static string Response(string name) => "#/components/responses/" + name;

    /// <summary>The component name of a resource's collection answer.</summary>
    public static string Collection(string schemaName) => schemaName + "_response";
}
