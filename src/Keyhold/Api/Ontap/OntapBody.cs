using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>Reads and validates POST/PATCH/DELETE bodies and queries.</summary>
public static class OntapBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// The largest body Keyhold reads. Its bodies are small (a certificate chain is a few KiB); a larger one is refused
    /// before it is buffered, so a client cannot make a request cost more memory than this.
    /// </summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>
    /// The body as a JSON object with dotted keys expanded and every path checked against the schema.
    /// An empty body reads as <c>{}</c>; anything that is not a JSON object of valid Unicode text is 400 262185;
    /// a body over <see cref="MaxBodyBytes"/> is 413.
    /// </summary>
    public static Task<JsonObject> ReadAsync(HttpContext http, ResourceSchema schema, Operation op) => ReadAsync(http, schema, op, MaxBodyBytes);

    /// <summary>As <see cref="ReadAsync(HttpContext, ResourceSchema, Operation)"/>, for the one body that grows with the store (a key_backup to recover).</summary>
    public static async Task<JsonObject> ReadAsync(HttpContext http, ResourceSchema schema, Operation op, int maxBodyBytes)
    {
        if (http.Request.ContentLength > maxBodyBytes)
            throw OntapErrors.BodyTooLarge.With(null, maxBodyBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
                throw OntapErrors.BodyTooLarge.With(null, maxBodyBytes);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
            return [];
        // The parser would pass invalid UTF-8 inside strings through to whoever reads them later.
        if (!Utf8.IsValid(bytes.Span))
            throw OntapErrors.InvalidJson.With();

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes.Span, documentOptions: ParseOptions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name with a lone escaped surrogate, which the parser reads eagerly.
            throw OntapErrors.InvalidJson.With();
        }

        if (node is not JsonObject obj || !IsValidText(obj))
            throw OntapErrors.InvalidJson.With();
        var body = BodyExpander.Expand(obj);
        var versioned = ClusterRelease.Schema(http, schema);
        // Kept before validation, so a refused body is audited too (with its secrets removed there).
        Security.AuditInput.Keep(http, schema, body);
        BodyValidator.Validate(body, versioned.Root, "", op);
        return body;
    }

    /// <summary>False when a name or string holds a lone surrogate (an escaped <c>\ud800</c>): no UTF-8 can carry it.</summary>
    private static bool IsValidText(JsonNode? node)
    {
        try
        {
            return IsValidTree(node);
        }
        catch (InvalidOperationException)
        {
            return false; // System.Text.Json refuses to unescape an invalid surrogate pair
        }
    }

    private static bool IsValidTree(JsonNode? node) => node switch
    {
        JsonObject o => o.All(p => IsValidText(p.Key) && IsValidTree(p.Value)),
        JsonArray a => a.All(IsValidTree),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => IsValidText(v.GetValue<string>()),
        _ => true,
    };

    private static bool IsValidText(string text) => !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') || IsWellFormed(text);

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return false;
        }
        return true;
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
