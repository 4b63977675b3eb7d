using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Api.Security;

/// <summary>
/// ONTAP's audit <c>input</c> for a REST request: <c>METHOD path?query : body</c>, with every secret replaced by
/// <c>***</c> (ONTAP: "This is not audited"): write-only fields of the resource's schema and any field or query
/// parameter named like one (passphrase, password, private_key, key_backup). Bounded in length.
/// </summary>
public static class AuditInput
{
    public const string BodyItem = "keyhold.audit.body";
    private const int MaxLength = 4096;
    private const string Redacted = "***";

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "passphrase", "existing_passphrase", "password", "private_key", "key_backup", "secret",
    };

    /// <summary>Keeps the parsed body of this request for the audit (OntapBody calls this once it has parsed it).</summary>
    public static void Keep(HttpContext http, ResourceSchema schema, JsonObject body) => http.Items[BodyItem] = (schema, body);

    public static string Of(HttpContext http)
    {
        var text = new StringBuilder(http.Request.Method).Append(' ').Append(http.Request.Path.Value);
        var query = http.Request.Query;
        var first = true;
        foreach (var (name, values) in query)
        {
            foreach (var value in values)
            {
                text.Append(first ? '?' : '&').Append(name).Append('=').Append(IsSecret(name) ? Redacted : value);
                first = false;
            }
        }
        if (http.Items[BodyItem] is ValueTuple<ResourceSchema, JsonObject> kept && kept.Item2.Count > 0)
        {
            text.Append(" : ").Append(Redact(kept.Item2, kept.Item1, "")!.ToJsonString());
        }
        return text.Length <= MaxLength ? text.ToString() : text.ToString(0, MaxLength) + "…";
    }

    private static JsonNode? Redact(JsonNode? node, ResourceSchema schema, string path) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key,
            IsSecret(p.Key) || schema.Find(Join(path, p.Key))?.IsWriteOnly == true ? JsonValue.Create(Redacted) : Redact(p.Value, schema, Join(path, p.Key))))),
        JsonArray a => new JsonArray([.. a.Select(item => Redact(item, schema, path))]),
        _ => node?.DeepClone(),
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static bool IsSecret(string name) => SecretNames.Contains(name[(name.LastIndexOf('.') + 1)..]);
}
