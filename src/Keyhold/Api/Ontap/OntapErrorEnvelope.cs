using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>The ONTAP error body <c>{"error":{"message","code","target"}}</c> (target omitted when null).</summary>
public static class OntapErrorEnvelope
{
    public static JsonObject Build(OntapException error)
    {
        var inner = new JsonObject { ["message"] = error.Message, ["code"] = error.Code };
        if (error.Target is not null)
            inner["target"] = error.Target;
        return new JsonObject { ["error"] = inner };
    }

    /// <summary>Where the error code of the answer is kept for the request log (HttpContext.Items).</summary>
    public const string CodeItem = "keyhold.error_code";

    /// <summary>Writes the envelope with the error's status (Content-Type negotiated like success bodies).</summary>
    public static Task Write(HttpContext http, OntapException error)
    {
        http.Items[CodeItem] = error.Code;
        return Result(error).ExecuteAsync(http);
    }

    internal static OntapJsonResult Result(OntapException error) => new(Build(error), error.Status);
}
