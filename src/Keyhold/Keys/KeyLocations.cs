using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Keys;

/// <summary>
/// Where an external key lives: (key server "host:port", KMIP unique identifier) pairs, kept in the key row's metadata
/// under <see cref="Member"/>. The metadata column already travels with the row, so this needs no schema change, and
/// the consumer's members (the volume) stay alongside. Onboard keys have none.
/// </summary>
public static class KeyLocations
{
    public const string Member = "kmip";

    public static IReadOnlyList<(string Server, string KmipUid)> Read(string metadata)
    {
        try
        {
            if (JsonNode.Parse(metadata) is JsonObject json && json[Member] is JsonArray array)
            {
                return array.OfType<JsonObject>()
                    .Select(l => ((string?)l["server"], (string?)l["uid"]))
                    .Where(l => l.Item1 is not null && l.Item2 is not null)
                    .Select(l => (l.Item1!, l.Item2!))
                    .ToList();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Unreadable metadata holds no locations this version understands.
        }
        return [];
    }

    /// <summary>The metadata with its locations replaced by <paramref name="locations"/> (none: the member is removed).</summary>
    public static string With(string metadata, IReadOnlyList<(string Server, string KmipUid)> locations)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(metadata) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            json = [];
        }
        json.Remove(Member);
        if (locations.Count > 0)
        {
            json[Member] = new JsonArray([.. locations.Select(JsonNode (l) => new JsonObject { ["server"] = l.Server, ["uid"] = l.KmipUid })]);
        }
        return json.ToJsonString();
    }
}
