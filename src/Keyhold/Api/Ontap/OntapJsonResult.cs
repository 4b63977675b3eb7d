using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>Writes a JSON body straight to the response pipe (one serialization, no intermediate string).</summary>
internal abstract class OntapBodyResult(int status, string? location) : IResult, IStatusCodeHttpResult
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // an API, not HTML: keep hrefs and text readable
        SkipValidation = true,
    };

    public int? StatusCode => status;

    /// <summary>Above this, a thread's body buffer is dropped after use rather than kept for the next response.</summary>
    private const int KeptBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var plain = MediaTypes.WantsPlainJson(httpContext.Request);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = plain ? MediaTypes.Json : MediaTypes.HalJson;
        if (location is not null)
            response.Headers.Location = location;

        // The body is written to a buffer first so it goes out with a Content-Length, headers and body in one write,
        // rather than chunked (a second TLS record and send for the terminating chunk). Writing is synchronous, so the
        // thread's buffer is free again before the first await.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        try
        {
            WriteBody(writer, plain);
            writer.Flush();
            response.ContentLength = buffer.WrittenCount;
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset();
            buffer.Clear(); // zeroes what was written: no response outlives its request in the buffer
            if (buffer.Capacity > KeptBufferBytes)
                (t_buffer, t_writer) = (null, null);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The body; <paramref name="plain"/> for <c>Accept: application/json</c> (see <see cref="PlainJsonWriter"/>).</summary>
    protected abstract void WriteBody(Utf8JsonWriter writer, bool plain);
}

/// <summary>A body given as a JSON tree.</summary>
internal sealed class OntapJsonResult(JsonNode body, int status, string? location = null) : OntapBodyResult(status, location)
{
    public JsonNode Body => body;

    protected override void WriteBody(Utf8JsonWriter writer, bool plain)
    {
        if (plain)
            PlainJsonWriter.Write(writer, body);
        else
            body.WriteTo(writer);
    }
}
