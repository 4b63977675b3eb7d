using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>
/// Dotted-path access to request bodies and records. Getters return null when the path is absent or null and throw
/// 262197 (target = the path) when the value has the wrong JSON type.
/// </summary>
public static class OntapJson
{
    public static bool Has(this JsonObject obj, string path) => Find(obj, path) is not null;

    public static string? GetString(this JsonObject obj, string path) => Find(obj, path) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw Invalid(other, path),
    };

    public static bool? GetBool(this JsonObject obj, string path) => Find(obj, path) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        var other => throw Invalid(other, path),
    };

    public static int? GetInt(this JsonObject obj, string path) => Find(obj, path) switch
    {
        null => null,
        var v when JsonNumbers.TryGetInt64(v, out var l) && l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw Invalid(other, path),
    };

    public static long? GetLong(this JsonObject obj, string path) => Find(obj, path) switch
    {
        null => null,
        var v when JsonNumbers.TryGetInt64(v, out var l) => l,
        var other => throw Invalid(other, path),
    };

    public static JsonObject? GetObject(this JsonObject obj, string path) => Find(obj, path) switch
    {
        null => null,
        JsonObject o => o,
        var other => throw Invalid(other, path),
    };

    public static JsonArray? GetArray(this JsonObject obj, string path) => Find(obj, path) switch
    {
        null => null,
        JsonArray a => a,
        var other => throw Invalid(other, path),
    };

    /// <summary>Sets a dotted path, creating the objects on the way (<c>rec.Set("svm.name", "vs0")</c>); returns <paramref name="obj"/>.</summary>
    public static JsonObject Set(this JsonObject obj, string path, JsonNode? value)
    {
        var target = obj;
        var start = 0;
        for (var dot = path.IndexOf('.', start); dot >= 0; dot = path.IndexOf('.', start))
        {
            var name = path[start..dot];
            if (target[name] is not JsonObject child)
                target[name] = child = [];
            target = child;
            start = dot + 1;
        }

        target[path[start..]] = value;
        return obj;
    }

    private static JsonNode? Find(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        var start = 0;
        for (var dot = path.IndexOf('.', start); dot >= 0; dot = path.IndexOf('.', start))
        {
            node = node is JsonObject o ? o[path[start..dot]] : throw Invalid(node!, path[..(start - 1)]);
            if (node is null)
                return null;
            start = dot + 1;
        }

        return node is JsonObject last ? last[path[start..]] : throw Invalid(node!, path[..(start - 1)]);
    }

    private static OntapException Invalid(JsonNode value, string path) =>
        OntapErrors.InvalidFieldValue.With(path, BodyValidator.Text(value), path);
}
