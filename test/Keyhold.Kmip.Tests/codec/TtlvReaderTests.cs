using System.Numerics;
using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Tests;

/// <summary>Decoding the KMIP specification's encoding examples back into typed values.</summary>
public class TtlvReaderTests
{
    private static TtlvElement Parse(string hex) => TtlvElement.Parse(Hex.Parse(hex));

    [Fact]
    public void ReadsEveryPrimitiveType()
    {
        Assert.Equal(8, Parse("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00").GetInt32());
        Assert.Equal(123456789000000000, Parse("42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00").GetInt64());
        Assert.Equal(BigInteger.Parse("1234567890000000000000000000"),
            Parse("42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00").GetBigInteger());
        Assert.Equal(255u, Parse("42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00").GetEnumeration());
        Assert.True(Parse("42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01").GetBoolean());
        Assert.Equal("Hello World", Parse("42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00").GetText());
        Assert.Equal([1, 2, 3], Parse("42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00").GetBytes());
        Assert.Equal(new DateTimeOffset(2008, 3, 14, 11, 56, 40, TimeSpan.Zero),
            Parse("42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8").GetDateTime());
        Assert.Equal(864000u, Parse("42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00").GetInterval());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1205495800).AddTicks(1234560),
            Parse("4200200b00000008000448645cf1d040").GetDateTimeExtended());
    }

    [Fact]
    public void ReadsStructureChildren()
    {
        TtlvElement s = Parse(
            "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00");
        Assert.Equal(TtlvType.Structure, s.Type);
        Assert.Equal(2, s.Children.Count);
        Assert.Equal(254u, s.Required((KmipTag)0x420004).GetEnumeration());
        Assert.Equal(255, s.Required((KmipTag)0x420005).GetInt32());
        Assert.Null(s.Find((KmipTag)0x420006));
    }

    [Fact]
    public void LowLevelReader_WalksOneLevel()
    {
        byte[] bytes = Hex.Parse("420004050000000400000001000000004200050700000002686900000000 0000");
        var reader = new TtlvReader(bytes);
        Assert.True(reader.TryRead(out KmipTag tag, out TtlvType type, out int offset, out int length));
        Assert.Equal(((KmipTag)0x420004, TtlvType.Enumeration, 8, 4), (tag, type, offset, length));
        Assert.True(reader.TryRead(out tag, out type, out offset, out length));
        Assert.Equal(((KmipTag)0x420005, TtlvType.TextString, 24, 2), (tag, type, offset, length));
        Assert.False(reader.TryRead(out _, out _, out _, out _));
    }

    [Fact]
    public void WriterOutput_RoundTrips()
    {
        using var w = new TtlvWriter();
        w.BeginStructure(KmipTag.Attributes);
        w.WriteTextString(KmipTag.NameValue, "ключ-é");
        w.WriteByteString(KmipTag.KeyMaterial, new byte[13]);
        w.WriteBoolean(KmipTag.AsynchronousIndicator, false);
        w.WriteBigInteger(KmipTag.CryptographicLength, -12345678901234567);
        w.EndStructure();
        TtlvElement e = TtlvElement.Parse(w.ToArray());
        Assert.Equal("ключ-é", e.Required(KmipTag.NameValue).GetText());
        Assert.Equal(13, e.Required(KmipTag.KeyMaterial).GetBytes().Length);
        Assert.False(e.Required(KmipTag.AsynchronousIndicator).GetBoolean());
        Assert.Equal(new BigInteger(-12345678901234567), e.Required(KmipTag.CryptographicLength).GetBigInteger());
    }
}
