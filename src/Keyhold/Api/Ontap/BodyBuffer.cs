using System.Buffers;
using System.IO.Pipelines;

namespace Keyhold.Api.Ontap;

/// <summary>Keeps a body in memory up to <see cref="Limit"/> bytes, then passes it, and the rest, to the response.</summary>
internal sealed class BodyBuffer : IBufferWriter<byte>
{
    internal const int Limit = 64 * 1024;

    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private PipeWriter? response;
    private PipeWriter? target;

    public bool Spilled => target is not null;

    /// <summary>Bytes handed to the response since <see cref="Flushed"/>: a streamed body flushes when they add up.</summary>
    public long Unflushed { get; private set; }

    public void Flushed() => Unflushed = 0;

    public ReadOnlySpan<byte> Buffered => buffer.WrittenSpan;

    public void Start(PipeWriter responseBody) => (response, target) = (responseBody, null);

    /// <summary>Zeroes what was buffered (no response outlives its request here) and lets go of the response.</summary>
    public void Finish()
    {
        buffer.Clear();
        (response, target) = (null, null);
        Unflushed = 0;
    }

    public void Advance(int count)
    {
        if (target is not null)
        {
            target.Advance(count);
            Unflushed += count;
        }
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
            Unflushed = buffer.WrittenCount;
            buffer.Clear();
        }

        return target;
    }
}
