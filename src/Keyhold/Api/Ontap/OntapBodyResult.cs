using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>Writes a JSON body straight to the response pipe (one serialization, no intermediate string).</summary>
/// <remarks>The ONTAP results are sealed classes of their own (like TypedResults), so a handler can declare what it returns.</remarks>
public abstract class OntapBodyResult : IResult, IStatusCodeHttpResult
{
    private readonly int status;
    private readonly string? location;

    private protected OntapBodyResult(int status, string? location) => (this.status, this.location) = (status, location);

    internal static readonly JsonWriterOptions WriterOptions = new()
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
        // A streamed value (a key_backup) is written after the buffer is free again, from a copy of the few bytes that
        // follow it; its length is known, so the body keeps its Content-Length.
        var body = t_body;
        var writer = t_writer;
        if (body is null || writer is null)
        {
            t_body = body = new BodyBuffer();
            t_writer = writer = new Utf8JsonWriter(body, WriterOptions);
            StreamedStrings.Attach(writer, body);
        }

        body.Start(response.BodyWriter);
        DeferredBody? deferred = null;
        try
        {
            WriteBody(writer, plain);
            writer.Flush();
            if (body.HasDeferred)
                deferred = body.TakeDeferred();
            if (!body.Spilled)
            {
                response.ContentLength = body.Buffered.Length + (deferred?.Length ?? 0);
                response.BodyWriter.Write(body.Buffered);
            }
        }
        finally
        {
            writer.Reset();
            body.Finish();
        }

        if (deferred is not null)
            await deferred.WriteAsync(response.BodyWriter, httpContext.RequestAborted);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The body; <paramref name="plain"/> for <c>Accept: application/json</c> (see <see cref="PlainJsonWriter"/>).</summary>
    private protected abstract void WriteBody(Utf8JsonWriter writer, bool plain);

    /// <summary>A JSON tree as the body; plain JSON drops its <c>_links</c> (see <see cref="PlainJsonWriter"/>).</summary>
    private protected static void WriteTree(Utf8JsonWriter writer, JsonNode body, bool plain)
    {
        if (plain)
            PlainJsonWriter.Write(writer, body);
        else
            body.WriteTo(writer);
    }
}
