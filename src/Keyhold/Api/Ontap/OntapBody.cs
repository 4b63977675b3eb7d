using System.Text.Json;
using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>Reads and validates POST/PATCH/DELETE bodies and queries.</summary>
public static class OntapBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// The body as a JSON object with dotted keys expanded and every path checked against the schema.
    /// An empty body reads as <c>{}</c>; anything that is not a JSON object is 400 262185.
    /// </summary>
    public static async Task<JsonObject> ReadAsync(HttpContext http, ResourceSchema schema, Operation op)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
            return [];

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes.Span, documentOptions: ParseOptions);
        }
        catch (JsonException)
        {
            throw OntapErrors.InvalidJson.With();
        }

        if (node is not JsonObject obj)
            throw OntapErrors.InvalidJson.With();
        var body = BodyExpander.Expand(obj);
        BodyValidator.Validate(body, schema.Root, "", op);
        return body;
    }

    /// <summary>
    /// For POST/PATCH/DELETE on an instance: only <c>return_timeout</c> (0..120), <c>return_records</c> (boolean)
    /// and <paramref name="allowed"/> may appear; anything else is 262179.
    /// </summary>
    public static void ValidateQuery(HttpContext http, params string[] allowed)
    {
        foreach (var (name, values) in http.Request.Query)
        {
            var last = values.Count > 0 ? values[^1] : null;
            if (name == QueryParameters.ReturnTimeout)
                QueryValues.ReturnTimeout(last);
            else if (name == QueryParameters.ReturnRecords)
                QueryValues.Boolean(name, last);
            else if (!allowed.Contains(name))
                throw OntapErrors.UnexpectedArgument.With(name, name);
        }
    }
}
