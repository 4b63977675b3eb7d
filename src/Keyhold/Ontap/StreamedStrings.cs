using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Keyhold.Ontap;

/// <summary>Where a body writer puts a <see cref="StreamedString"/>: after the bytes written so far, before the next.</summary>
public interface IStreamedStringSink
{
    void Defer(StreamedString value);
}

/// <summary>
/// Ties a body's <see cref="Utf8JsonWriter"/> to the sink behind it. A writer cannot say where its bytes go, and a
/// streamed value must not pass through it (it would copy and escape 43 MB into one buffer): the writer writes the
/// opening quote, the sink takes the value to be written after it, and the writer goes on with the closing quote and
/// the rest of the record, which the sink holds back until the value has gone out.
/// </summary>
public static class StreamedStrings
{
    private static readonly ConditionalWeakTable<Utf8JsonWriter, IStreamedStringSink> Sinks = new();

    /// <summary>For writers kept for reuse with the same sink (a pooled or per-thread body).</summary>
    public static void Attach(Utf8JsonWriter writer, IStreamedStringSink sink) => Sinks.AddOrUpdate(writer, sink);

    public static void Write(Utf8JsonWriter writer, StreamedString value)
    {
        if (!Sinks.TryGetValue(writer, out var sink))
        {
            LongStrings.WriteText(writer, value.ToString());
            return;
        }
        // An empty first segment writes what comes before a string (a comma when needed) and its opening quote.
        writer.WriteStringValueSegment(ReadOnlySpan<char>.Empty, isFinalSegment: false);
        writer.Flush();
        sink.Defer(value);
        writer.WriteStringValueSegment(ReadOnlySpan<char>.Empty, isFinalSegment: true);
    }
}
