using Keyhold.Kmip.Xml;

namespace Keyhold.Kmip.Fuzz;

/// <summary>One fuzz campaign of the in-process decoder (TTLV → typed tree): counts, crashes, and the largest allocation.</summary>
public static class DecoderFuzz
{
    public sealed record Report(long Frames, long Decoded, long Rejected, IReadOnlyList<string> Crashes, long MaxBytesPerFrame, int MaxBytesFrameLength, TimeSpan Elapsed);

    /// <summary>What one frame may allocate: a fixed part plus 64 bytes per input byte (each 8-byte item costs a node).</summary>
    public static long AllocationBound(int frameLength) => 64 * 1024 + 64L * frameLength;

    public static IReadOnlyList<byte[]> Seeds()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Keyhold.slnx")))
            {
                return TtlvMutator.SeedsFrom(Path.Combine(d.FullName, "test", "kmip-vectors"));
            }
        }
        throw new InvalidOperationException("Keyhold.slnx not found above " + AppContext.BaseDirectory);
    }

    public static Report Run(int seed, long frames, IReadOnlyList<byte[]> seeds)
    {
        var mutator = new TtlvMutator(seed, seeds);
        var crashes = new List<string>();
        long decoded = 0, rejected = 0, maxBytes = 0;
        int maxLength = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (long i = 0; i < frames; i++)
        {
            byte[] frame = mutator.Next();
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                TtlvNode.FromTtlv(frame);
                decoded++;
            }
            catch (KmipException)
            {
                rejected++;
            }
            catch (Exception e) when (crashes.Count < 20)
            {
                crashes.Add($"frame {i} (seed {seed}): {e.GetType().Name}: {e.Message} {Convert.ToHexString(frame.AsSpan(0, Math.Min(frame.Length, 64)))}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated - AllocationBound(frame.Length) > maxBytes - AllocationBound(maxLength))
            {
                maxBytes = allocated;
                maxLength = frame.Length;
            }
        }
        return new Report(frames, decoded, rejected, crashes, maxBytes, maxLength, clock.Elapsed);
    }
}
