using System.Text;
using System.Text.Json;

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
            using var document = JsonDocument.Parse(metadata);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty(Member, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            var locations = new List<(string, string)>();
            foreach (var location in array.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object))
            {
                if (Text(location, "server") is { } server && Text(location, "uid") is { } uid)
                {
                    locations.Add((server, uid));
                }
            }
            return locations;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Unreadable metadata holds no locations this version understands.
        }
        return [];
    }

    /// <summary>A member's string, null when absent or JSON null; anything else makes the whole metadata unreadable (as before).</summary>
    private static string? Text(JsonElement location, string name) =>
        location.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    /// <summary>The metadata with its locations replaced by <paramref name="locations"/> (none: the member is removed).</summary>
    public static string With(string metadata, IReadOnlyList<(string Server, string KmipUid)> locations)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(metadata);
        }
        catch (JsonException)
        {
            // Unreadable metadata is replaced by an object holding the locations only.
        }
        using (document)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (document?.RootElement is { ValueKind: JsonValueKind.Object } existing)
                {
                    // Kept members in their order, the locations last: the text a JsonObject would have written.
                    foreach (var member in existing.EnumerateObject().Where(m => m.Name != Member))
                    {
                        member.WriteTo(writer);
                    }
                }
                if (locations.Count > 0)
                {
                    writer.WriteStartArray(Member);
                    foreach (var (server, uid) in locations)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("server", server);
                        writer.WriteString("uid", uid);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
