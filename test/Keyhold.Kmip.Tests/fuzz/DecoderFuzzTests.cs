namespace Keyhold.Kmip.Fuzz;

/// <summary>
/// The TTLV decoder under mutated and random frames (bench/fuzz-decoder.sh runs the long version): every frame either
/// decodes or fails with the library's own <see cref="KmipException"/>; nothing else escapes, and no frame allocates
/// more than a bounded multiple of its own size.
/// </summary>
public class DecoderFuzzTests
{
    [Fact]
    public void Two_hundred_thousand_mutated_frames_decode_or_fail_with_KmipException_in_bounded_memory()
    {
        DecoderFuzz.Report report = DecoderFuzz.Run(seed: 9, frames: 200_000, DecoderFuzz.Seeds());
        Assert.Empty(report.Crashes);
        Assert.True(report.Decoded > 1000, $"only {report.Decoded} frames decoded: the mutator breaks everything");
        Assert.True(report.Rejected > 1000, $"only {report.Rejected} frames rejected: the mutator changes nothing");
        Assert.True(report.MaxBytesPerFrame <= DecoderFuzz.AllocationBound(report.MaxBytesFrameLength),
            $"a {report.MaxBytesFrameLength}-byte frame allocated {report.MaxBytesPerFrame} bytes");
    }
}
