using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>
/// Writes a JSON value, a long string in segments. Utf8JsonWriter asks its buffer for one span big enough for the
/// whole string escaped (6 bytes a character): for a key_backup of 36 MB of text that is one 220 MB buffer per GET,
/// which the response pipe then keeps. In segments, it asks for a few KB at a time.
/// </summary>
public static class LongStrings
{
    private const int Segment = 16 * 1024;

    public static void Write(Utf8JsonWriter writer, JsonNode node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text) && text.Length > Segment)
        {
            for (var at = 0; at < text.Length; at += Segment)
            {
                writer.WriteStringValueSegment(text.AsSpan(at, Math.Min(Segment, text.Length - at)), isFinalSegment: at + Segment >= text.Length);
            }
            return;
        }
        node.WriteTo(writer);
    }
}
