using System.Text.Json.Nodes;

namespace Keyhold.Ontap.Schemas;

/// <summary>The stored attributes (JSON text) with ONTAP's default for each field never given.</summary>
public static class VolumeAttributeJson
{
    /// <summary>
    /// The stored attributes with the default of each one missing. A new volume stores them all, so that it keeps the
    /// defaults it was made with; volumes from before attributes existed get them here.
    /// </summary>
    public static JsonObject Complete(string stored) => Complete(stored, VolumeAttributes.All);

    /// <summary>The stored attributes of a resource whose stored-only fields are <paramref name="attributes"/>.</summary>
    public static JsonObject Complete(string stored, IEnumerable<VolumeAttribute> attributes)
    {
        var json = JsonNode.Parse(stored) as JsonObject ?? [];
        foreach (var attribute in attributes)
        {
            if (attribute.Default is { } fallback && At(json, attribute.Path) is null)
            {
                json.Set(attribute.Path, fallback.DeepClone());
            }
        }
        return json;
    }

    /// <summary>The value at a dotted path, or null when it (or an object on the way) is absent.</summary>
    public static JsonNode? At(JsonObject json, string path)
    {
        JsonNode? node = json;
        foreach (var name in path.Split('.'))
        {
            node = (node as JsonObject)?[name];
        }
        return node;
    }
}
