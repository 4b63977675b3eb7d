using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Volumes;

/// <summary>Shows the stored attributes in a volume record, with ONTAP's default for each field never given.</summary>
public static class VolumeAttributeView
{
    /// <summary>ONTAP's default inode limit: one file per 32 KiB of the volume's size.</summary>
    public const long BytesPerFile = 32 << 10;

    /// <summary>Adds the attributes as top-level members of <paramref name="record"/> (none of them shares a container with its other fields).</summary>
    public static void WriteTo(JsonObject record, string stored, long size)
    {
        var json = Complete(stored);
        if (At(json, "files.maximum") is null)
        {
            json.Set("files.maximum", Math.Min(size / BytesPerFile, int.MaxValue));
        }
        foreach (var (name, value) in json.ToList())
        {
            json.Remove(name);
            record[name] = value;
        }
    }

    /// <summary>
    /// The stored attributes with the default of each one missing. A new volume stores them all, so that it keeps the
    /// defaults it was made with; volumes from before attributes existed get them here.
    /// </summary>
    public static JsonObject Complete(string stored)
    {
        var json = JsonNode.Parse(stored) as JsonObject ?? [];
        foreach (var attribute in VolumeAttributes.All)
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
