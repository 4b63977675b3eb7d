using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>Writes a body for <c>Accept: application/json</c>: every <c>_links</c> dropped except the top-level <c>next</c>.</summary>
internal static class PlainJsonWriter
{
    public static void Write(Utf8JsonWriter writer, JsonNode body)
    {
        if (body is not JsonObject root)
        {
            WriteNode(writer, body);
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, value) in root)
        {
            if (name != "_links")
            {
                writer.WritePropertyName(name);
                WriteNode(writer, value);
            }
            else if (value is JsonObject links && links.TryGetPropertyValue("next", out var next))
            {
                writer.WriteStartObject(name);
                writer.WritePropertyName("next");
                WriteNode(writer, next);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
    }

    public static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    if (name == "_links")
                        continue;
                    writer.WritePropertyName(name);
                    WriteNode(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var element in array)
                    WriteNode(writer, element);
                writer.WriteEndArray();
                break;
            default:
                LongStrings.Write(writer, node);
                break;
        }
    }
}
