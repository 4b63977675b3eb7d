using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>
/// A JSON writer for a body written across awaits (a page streamed from the store): the first
/// <see cref="BodyBuffer.Limit"/> bytes are held so a small page goes out with a Content-Length in one write, the rest
/// is written to the response and flushed every <see cref="FlushEvery"/> bytes, so a large page never sits whole in
/// memory. Instances are pooled: the buffer and writer are reused, not allocated per request.
/// </summary>
internal sealed class StreamedBody
{
    private const int FlushEvery = 32 * 1024;
    private const int MaxPooled = 64;

    private static readonly ConcurrentQueue<StreamedBody> Pool = new();

    private readonly BodyBuffer body = new();
    private PipeWriter? response;
    private CancellationToken aborted;

    private StreamedBody()
    {
        Writer = new Utf8JsonWriter(body, OntapBodyResult.WriterOptions);
        StreamedStrings.Attach(Writer, body);
    }

    public Utf8JsonWriter Writer { get; }

    public static StreamedBody Rent(PipeWriter response, CancellationToken aborted)
    {
        var rented = Pool.TryDequeue(out var pooled) ? pooled : new StreamedBody();
        rented.response = response;
        rented.aborted = aborted;
        rented.body.Start(response);
        rented.Writer.Reset(rented.body);
        return rented;
    }

    /// <summary>After a record: once the body no longer fits the buffer, sends what has piled up (waiting on a slow client).</summary>
    /// <remarks>
    /// <paramref name="ct"/> (the page's deadline) stops the page between records, never inside a flush: a flush cut
    /// short would leave the client a body with bytes missing. Only the client going away cancels a flush.
    /// </remarks>
    public async ValueTask FlushIfDueAsync(CancellationToken ct)
    {
        Writer.Flush();
        if (body.HasDeferred)
        {
            // A streamed value inside the record: what came before it goes out first, then the value, then the rest.
            body.SpillNow();
            var deferred = body.TakeDeferred();
            await deferred.WriteAsync(response!, aborted);
            body.Flushed();
            await response!.FlushAsync(aborted);
        }
        ct.ThrowIfCancellationRequested();
        if (body.Spilled && body.Unflushed >= FlushEvery)
        {
            body.Flushed();
            await response!.FlushAsync(aborted);
        }
    }

    /// <summary>Ends the body: a body that stayed in the buffer is written whole with its length.</summary>
    /// <remarks>
    /// The headers are started first: Kestrel holds body bytes written before the headers apart and copies them again
    /// behind the headers when they go out (a second copy of every page, ~4 % of a 100-volume page's CPU). Nothing is
    /// sent yet: headers and body leave together at the caller's flush.
    /// </remarks>
    public async ValueTask CompleteAsync(HttpResponse httpResponse)
    {
        Writer.Flush();
        if (!body.Spilled)
        {
            httpResponse.ContentLength = body.Buffered.Length;
            await httpResponse.StartAsync(aborted);
            response!.Write(body.Buffered);
        }
    }

    /// <summary>After <see cref="CompleteAsync"/>: the whole body when it stayed in the buffer (valid until <see cref="Return"/>); else null.</summary>
    /// <remarks>The cast is not noise: a bare <c>null</c> would become an empty memory (through byte[]), not "none".</remarks>
    public ReadOnlyMemory<byte>? Whole => body.Spilled || body.HasDeferred ? (ReadOnlyMemory<byte>?)null : body.BufferedMemory;

    public void Return()
    {
        Writer.Reset();
        body.Finish();
        response = null;
        aborted = default;
        if (Pool.Count < MaxPooled)
            Pool.Enqueue(this);
    }
}
