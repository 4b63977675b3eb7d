using Keyhold.Kmip.Fuzz;

namespace Keyhold.Bench;

/// <summary>The long decoder fuzz run: prints counts and the largest allocation; exit 1 on any crash or unbounded allocation.</summary>
public static class FuzzDecoder
{
    public static int Run(long frames, int seed)
    {
        var seeds = DecoderFuzz.Seeds();
        var report = DecoderFuzz.Run(seed, frames, seeds);
        bool bounded = report.MaxBytesPerFrame <= DecoderFuzz.AllocationBound(report.MaxBytesFrameLength);
        Console.WriteLine($"decoder fuzz: seed {seed}, {report.Frames:N0} frames from {seeds.Count} seeds in {report.Elapsed.TotalSeconds:F1} s " +
            $"({report.Frames / report.Elapsed.TotalSeconds:N0}/s): {report.Decoded:N0} decoded, {report.Rejected:N0} rejected with KmipException, " +
            $"{report.Crashes.Count} crashes; worst allocation {report.MaxBytesPerFrame:N0} bytes for a {report.MaxBytesFrameLength:N0}-byte frame " +
            $"(bound {DecoderFuzz.AllocationBound(report.MaxBytesFrameLength):N0}) {(bounded ? "PASS" : "MISS")}");
        foreach (string crash in report.Crashes)
        {
            Console.WriteLine("  crash: " + crash);
        }
        return report.Crashes.Count == 0 && bounded ? 0 : 1;
    }
}
