using System.Buffers;
using System.IO.Pipelines;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>
/// Keeps a body in memory up to <see cref="Limit"/> bytes, then passes it, and the rest, to the response. A
/// <see cref="StreamedString"/> met on the way is deferred: what the writer writes after it is held apart until
/// <see cref="TakeDeferred"/> hands both over to be written, the value streamed, in order.
/// </summary>
internal sealed class BodyBuffer : IBufferWriter<byte>, IStreamedStringSink
{
    internal const int Limit = 256 * 1024;

    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private PipeWriter? response;
    private PipeWriter? target;
    private readonly ArrayBufferWriter<byte> after = new(256);
    private List<(StreamedString Value, int At)>? deferred;

    public bool Spilled => target is not null;

    /// <summary>Bytes handed to the response since <see cref="Flushed"/>: a streamed body flushes when they add up.</summary>
    public long Unflushed { get; private set; }

    public void Flushed() => Unflushed = 0;

    public ReadOnlySpan<byte> Buffered => buffer.WrittenSpan;

    public ReadOnlyMemory<byte> BufferedMemory => buffer.WrittenMemory;

    public void Start(PipeWriter responseBody) => (response, target) = (responseBody, null);

    /// <summary>Zeroes what was buffered (no response outlives its request here) and lets go of the response.</summary>
    public void Finish()
    {
        buffer.Clear();
        after.Clear();
        deferred = null;
        (response, target) = (null, null);
        Unflushed = 0;
    }

    public bool HasDeferred => deferred is not null;

    public void Defer(StreamedString value) => (deferred ??= []).Add((value, after.WrittenCount));

    /// <summary>
    /// The deferred values and what was written after them, to be written by <see cref="DeferredBody.WriteAsync"/>;
    /// what came before them is in <see cref="Buffered"/> (not spilled) or already in the response. Later writes go
    /// where they went before.
    /// </summary>
    public DeferredBody TakeDeferred()
    {
        var taken = new DeferredBody(deferred ?? [], after.WrittenSpan.ToArray());
        after.Clear();
        deferred = null;
        return taken;
    }

    /// <summary>Hands what was buffered to the response now: the body goes on in the response, without a length.</summary>
    public void SpillNow() => Spill(Limit);

    public void Advance(int count)
    {
        if (deferred is not null)
            after.Advance(count);
        else if (target is not null)
        {
            target.Advance(count);
            Unflushed += count;
        }
        else
            buffer.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) =>
        deferred is not null ? after.GetMemory(sizeHint) : Spill(sizeHint)?.GetMemory(sizeHint) ?? buffer.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) =>
        deferred is not null ? after.GetSpan(sizeHint) : Spill(sizeHint) is { } spilled ? spilled.GetSpan(sizeHint) : buffer.GetSpan(sizeHint);

    /// <summary>The response once the body no longer fits (what was buffered is handed over first); null while it fits.</summary>
    private PipeWriter? Spill(int sizeHint)
    {
        if (target is null && buffer.WrittenCount + Math.Max(sizeHint, 1) > Limit)
        {
            target = response!;
            target.Write(buffer.WrittenSpan);
            Unflushed = buffer.WrittenCount;
            buffer.Clear();
        }

        return target;
    }
}
