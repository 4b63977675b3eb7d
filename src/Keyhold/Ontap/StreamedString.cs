using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Keyhold.Ontap;

/// <summary>
/// A JSON string value too long to hold as one string per response (a key_backup of 100,000 keys is 43 MB): it writes
/// its own JSON-escaped bytes, in chunks, straight to the response, flushing as it goes. It sits in a record as a
/// <see cref="JsonValue"/> (<see cref="ToJsonValue"/>); the body writers hand it to the response after the bytes
/// before it (<see cref="StreamedStrings"/>). Anything else that writes the value (a filter, a JsonNode.ToJsonString)
/// gets the same text through <see cref="ToString"/>, the slow way.
/// </summary>
public abstract class StreamedString
{
    /// <summary>How many bytes <see cref="WriteEscapedAsync"/> writes (without the quotes).</summary>
    public abstract long EscapedLength { get; }

    /// <summary>
    /// Writes the value JSON-escaped, without quotes, to <paramref name="output"/>, a chunk at a time, telling
    /// <paramref name="written"/> after each chunk how many bytes it held (the caller flushes when enough piled up, so
    /// a slow client holds back the writer, not the memory).
    /// </summary>
    public abstract ValueTask WriteEscapedAsync(IBufferWriter<byte> output, Func<int, CancellationToken, ValueTask> written, CancellationToken ct);

    /// <summary>The whole text as one string (tests, filters on the field, fallback writers).</summary>
    public abstract override string ToString();

    public JsonValue ToJsonValue() => JsonValue.Create(this, TypeInfo)!;

    /// <summary>Writers that do not stream it write the text as a plain string, in segments (<see cref="LongStrings"/>).</summary>
    private static readonly JsonTypeInfo<StreamedString> TypeInfo = CreateTypeInfo();

    private static JsonTypeInfo<StreamedString> CreateTypeInfo()
    {
        // No resolver is asked for anything else: the value's own converter writes it.
        var options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() };
        var info = JsonMetadataServices.CreateValueInfo<StreamedString>(options, new Converter());
        info.MakeReadOnly();
        return info;
    }

    private sealed class Converter : JsonConverter<StreamedString>
    {
        public override StreamedString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A streamed string is written, never read.");

        public override void Write(Utf8JsonWriter writer, StreamedString value, JsonSerializerOptions options) =>
            LongStrings.WriteText(writer, value.ToString());
    }
}
