using System.Buffers;
using System.IO.Pipelines;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>
/// The part of a body from its first <see cref="StreamedString"/> on: each value, streamed, and the bytes written
/// between and after them (<paramref name="after"/>, small: the rest of a record). Owns nothing pooled, so it can be
/// written across awaits after the body's buffer went back to its thread.
/// </summary>
internal sealed class DeferredBody(List<(StreamedString Value, int At)> values, byte[] after)
{
    /// <summary>Flush every this many bytes: the response pipe holds about this much, whatever the value's size.</summary>
    private const int FlushEvery = 64 * 1024;

    public long Length => values.Sum(v => v.Value.EscapedLength) + after.Length;

    public async ValueTask WriteAsync(PipeWriter response, CancellationToken ct)
    {
        var at = 0;
        var unflushed = 0;
        foreach (var (value, end) in values)
        {
            response.Write(after.AsSpan(at, end - at));
            at = end;
            await value.WriteEscapedAsync(response, async (count, t) =>
            {
                unflushed += count;
                if (unflushed >= FlushEvery)
                {
                    unflushed = 0;
                    await response.FlushAsync(t);
                }
            }, ct);
        }
        response.Write(after.AsSpan(at));
    }
}
