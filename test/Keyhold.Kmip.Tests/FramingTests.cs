namespace Keyhold.Kmip.Tests;

/// <summary>The stream framer checks the declared length before it allocates the body.</summary>
public class FramingTests
{
    [Fact]
    public async Task FourGigabyteDeclaredLength_IsRejectedWithoutAllocating()
    {
        using var stream = new MemoryStream(Hex.Parse("42007b01fffffff8" + "0000000000000000"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = await Assert.ThrowsAsync<KmipProtocolException>(() => KmipFraming.ReadMessageAsync(stream, 1024 * 1024, default));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void LengthOverConfiguredLimit_IsRejected()
    {
        Assert.Throws<KmipProtocolException>(() => KmipFraming.GetMessageSize(Hex.Parse("42007b0100001000"), 4096));
        Assert.Equal(4096, KmipFraming.GetMessageSize(Hex.Parse("42007b0100000ff8"), 4096));
    }

    [Fact]
    public void NonStructureMessage_IsRejected() =>
        Assert.Throws<KmipProtocolException>(() => KmipFraming.GetMessageSize(Hex.Parse("42007b0800000008"), 4096));

    [Fact]
    public void UnalignedMessageLength_IsRejected() =>
        Assert.Throws<KmipProtocolException>(() => KmipFraming.GetMessageSize(Hex.Parse("42007b0100000009"), 4096));

    [Fact]
    public async Task ReadsExactlyOneMessage()
    {
        byte[] golden = Hex.Parse(GoldenVectors.CreateAes256V14Response);
        using var stream = new MemoryStream([.. golden, .. golden]);
        Assert.Equal(golden, await KmipFraming.ReadMessageAsync(stream, 4096, default));
        Assert.Equal(golden.Length, stream.Position);
    }

    [Fact]
    public async Task StreamEndingMidMessage_IsProtocolError()
    {
        byte[] golden = Hex.Parse(GoldenVectors.CreateAes256V14Response);
        using var stream = new MemoryStream(golden[..100]);
        await Assert.ThrowsAsync<KmipProtocolException>(() => KmipFraming.ReadMessageAsync(stream, 4096, default));
    }

    [Fact]
    public async Task StreamEndingMidHeader_IsProtocolError()
    {
        using var stream = new MemoryStream(Hex.Parse("42007b01"));
        await Assert.ThrowsAsync<KmipProtocolException>(() => KmipFraming.ReadMessageAsync(stream, 4096, default));
    }

    [Fact]
    public async Task ClosedBeforeAnswer_IsEndOfStream()
    {
        using var stream = new MemoryStream();
        await Assert.ThrowsAsync<EndOfStreamException>(() => KmipFraming.ReadMessageAsync(stream, 4096, default));
    }
}
