using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>
/// Checks every path of a body against the schema: unknown → 262179, not writable in the operation → 262196,
/// wrong JSON type → 262197 (target = the dotted path). <c>_links</c> are dropped silently.
/// </summary>
internal static class BodyValidator
{
    public static void Validate(JsonObject body, SchemaNode node, string prefix, Operation op)
    {
        foreach (var (name, value) in body.ToList())
        {
            if (name == "_links")
            {
                body.Remove(name);
                continue;
            }

            var path = prefix.Length == 0 ? name : prefix + "." + name;
            if (!node.Children.TryGetValue(name, out var child))
                throw OntapErrors.UnexpectedArgument.With(path, path);
            if (!child.CanWrite(op))
                throw OntapErrors.FieldNotAllowed.With(path, path);
            var given = value;
            if (child.Def.AcceptsName && value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                body[name] = given = new JsonObject { ["name"] = text.GetValue<string>() };
            if (child.Def.AcceptsText && value is JsonValue typed && typed.GetValueKind() == JsonValueKind.String)
                body[name] = given = FromText(typed.GetValue<string>(), child.Def.Kind) ?? throw OntapErrors.InvalidFieldValue.With(path, typed.GetValue<string>(), path);
            ValidateValue(given, child, path, op);
        }
    }

    private static void ValidateValue(JsonNode? value, SchemaNode node, string path, Operation op)
    {
        switch (value)
        {
            case null:
                return; // explicit null: the resource decides what "unset" means
            case JsonArray array:
                foreach (var element in array)
                    ValidateValue(element, node, path, op); // elements share the array field's path
                return;
            case JsonObject obj when node.Def.Kind == FieldKind.Object:
                Validate(obj, node, path, op);
                return;
            default:
                if (!HasKind(value, node.Def.Kind))
                    throw OntapErrors.InvalidFieldValue.With(path, Text(value), path);
                return;
        }
    }

    private static bool HasKind(JsonNode value, FieldKind kind) => (value.GetValueKind(), kind) switch
    {
        (JsonValueKind.String, FieldKind.String or FieldKind.DateTime) => true,
        (JsonValueKind.Number, FieldKind.Integer) => JsonNumbers.TryGetInt64(value, out _),
        (JsonValueKind.True or JsonValueKind.False, FieldKind.Boolean) => true,
        _ => false,
    };

    /// <summary>"true"/"false" for a boolean, an integer's decimal text for an integer; null when the text is neither.</summary>
    private static JsonNode? FromText(string text, FieldKind kind) => kind switch
    {
        FieldKind.Boolean when bool.TryParse(text.Trim(), out var b) => JsonValue.Create(b),
        FieldKind.Integer when long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        FieldKind.String or FieldKind.DateTime => JsonValue.Create(text),
        _ => null,
    };

    internal static string Text(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
