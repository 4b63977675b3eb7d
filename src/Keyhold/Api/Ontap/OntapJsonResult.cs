using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using Keyhold.Ontap;

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

    [ThreadStatic]
    private static BodyBuffer? t_body;

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

        // A body that fits the buffer goes out with a Content-Length, headers and body in one write, rather than chunked
        // (a second TLS record and send for the terminating chunk); a larger one is streamed, chunked, as it is written.
        // Writing is synchronous, so the thread's buffer is free again before the first await.
        var body = t_body ??= new BodyBuffer();
        var writer = t_writer ??= new Utf8JsonWriter(body, WriterOptions);
        body.Start(response.BodyWriter);
        try
        {
            WriteBody(writer, plain);
            writer.Flush();
            if (!body.Spilled)
            {
                response.ContentLength = body.Buffered.Length;
                response.BodyWriter.Write(body.Buffered);
            }
        }
        finally
        {
            writer.Reset();
            body.Finish();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The body; <paramref name="plain"/> for <c>Accept: application/json</c> (see <see cref="PlainJsonWriter"/>).</summary>
    protected abstract void WriteBody(Utf8JsonWriter writer, bool plain);
}

/// <summary>Keeps a body in memory up to <see cref="Limit"/> bytes, then passes it, and the rest, to the response.</summary>
internal sealed class BodyBuffer : IBufferWriter<byte>
{
    internal const int Limit = 64 * 1024;

    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private PipeWriter? response;
    private PipeWriter? target;

    public bool Spilled => target is not null;

    public ReadOnlySpan<byte> Buffered => buffer.WrittenSpan;

    public void Start(PipeWriter responseBody) => (response, target) = (responseBody, null);

    /// <summary>Zeroes what was buffered (no response outlives its request here) and lets go of the response.</summary>
    public void Finish()
    {
        buffer.Clear();
        (response, target) = (null, null);
    }

    public void Advance(int count)
    {
        if (target is not null)
            target.Advance(count);
        else
            buffer.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Spill(sizeHint)?.GetMemory(sizeHint) ?? buffer.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Spill(sizeHint) is { } spilled ? spilled.GetSpan(sizeHint) : buffer.GetSpan(sizeHint);

    /// <summary>The response once the body no longer fits (what was buffered is handed over first); null while it fits.</summary>
    private PipeWriter? Spill(int sizeHint)
    {
        if (target is null && buffer.WrittenCount + Math.Max(sizeHint, 1) > Limit)
        {
            target = response!;
            target.Write(buffer.WrittenSpan);
            buffer.Clear();
        }

        return target;
    }
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
