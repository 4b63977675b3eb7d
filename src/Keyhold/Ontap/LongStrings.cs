using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>
/// Writes a JSON value, a long string in segments. Utf8JsonWriter asks its buffer for one span big enough for the
/// whole string escaped (6 bytes a character): for a key_backup of 36 MB of text that is one 220 MB buffer per GET,
/// which the response pipe then keeps. In segments, it asks for a few KB at a time. A <see cref="StreamedString"/>
/// goes to the response by itself when the writer streams (<see cref="StreamedStrings"/>).
/// </summary>
public static class LongStrings
{
    private const int Segment = 16 * 1024;

    public static void Write(Utf8JsonWriter writer, JsonNode node)
    {
        if (node is JsonValue streamed && streamed.TryGetValue<StreamedString>(out var value))
        {
            StreamedStrings.Write(writer, value);
            return;
        }
        if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.TryGetValue<string>(out var s) && s.Length > Segment)
        {
            WriteText(writer, s);
            return;
        }
        node.WriteTo(writer);
    }

    /// <summary>A string value in segments of <see cref="Segment"/> characters.</summary>
    public static void WriteText(Utf8JsonWriter writer, string text)
    {
        if (text.Length <= Segment)
        {
            writer.WriteStringValue(text);
            return;
        }
        for (var at = 0; at < text.Length; at += Segment)
        {
            writer.WriteStringValueSegment(text.AsSpan(at, Math.Min(Segment, text.Length - at)), isFinalSegment: at + Segment >= text.Length);
        }
    }
}
