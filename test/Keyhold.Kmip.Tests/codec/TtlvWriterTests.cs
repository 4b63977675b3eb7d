using System.Numerics;
using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Tests;

/// <summary>Encoding examples from the KMIP 1.x specification, section 9.1.2 (tag 0x420020).</summary>
public class TtlvWriterTests
{
    private const KmipTag T = (KmipTag)0x420020;

    private static string Write(Action<TtlvWriter> write)
    {
        using var w = new TtlvWriter();
        write(w);
        return Hex.Of(w.ToArray());
    }

    [Fact]
    public void Integer() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00")), Write(w => w.WriteInteger(T, 8)));

    [Fact]
    public void LongInteger() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00")),
            Write(w => w.WriteLongInteger(T, 123456789000000000)));

    [Fact]
    public void BigInteger_IsSignExtendedToMultipleOf8() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00")),
            Write(w => w.WriteBigInteger(T, BigInteger.Parse("1234567890000000000000000000"))));

    [Fact]
    public void BigInteger_Negative() =>
        Assert.Equal("4200200400000008ffffffffffffffff", Write(w => w.WriteBigInteger(T, BigInteger.MinusOne)));

    [Fact]
    public void Enumeration() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00")), Write(w => w.WriteEnumeration(T, 255)));

    [Fact]
    public void Boolean() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01")), Write(w => w.WriteBoolean(T, true)));

    [Fact]
    public void TextString_IsPaddedButLengthIsUnpadded() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00")),
            Write(w => w.WriteTextString(T, "Hello World")));

    [Fact]
    public void ByteString() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00")),
            Write(w => w.WriteByteString(T, [1, 2, 3])));

    [Fact]
    public void ByteString_OfMultipleOf8_HasNoPadding() =>
        Assert.Equal("42002008000000080102030405060708",
            Write(w => w.WriteByteString(T, [1, 2, 3, 4, 5, 6, 7, 8])));

    [Fact]
    public void DateTime() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8")),
            Write(w => w.WriteDateTime(T, new DateTimeOffset(2008, 3, 14, 11, 56, 40, TimeSpan.Zero))));

    [Fact]
    public void Interval() =>
        Assert.Equal(Hex.Of(Hex.Parse("42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00")),
            Write(w => w.WriteInterval(T, 10 * 24 * 3600)));

    [Fact]
    public void DateTimeExtended_IsMicroseconds() =>
        Assert.Equal("4200200b00000008000448645cf1d040",
            Write(w => w.WriteDateTimeExtended(T, DateTimeOffset.FromUnixTimeSeconds(1205495800).AddTicks(1234560))));

    [Fact]
    public void Structure_LengthCountsPaddedChildren() =>
        Assert.Equal(Hex.Of(Hex.Parse(
                "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00")),
            Write(w =>
            {
                w.BeginStructure(T);
                w.WriteEnumeration((KmipTag)0x420004, 254);
                w.WriteInteger((KmipTag)0x420005, 255);
                w.EndStructure();
            }));

    [Fact]
    public void ToArray_WithOpenStructure_Throws()
    {
        using var w = new TtlvWriter();
        w.BeginStructure(T);
        Assert.Throws<InvalidOperationException>(() => w.ToArray());
    }

    [Fact]
    public void Buffer_Grows_BeyondInitialCapacity()
    {
        using var w = new TtlvWriter(initialCapacity: 16);
        w.BeginStructure(T);
        for (int i = 0; i < 100; i++)
        {
            w.WriteTextString(T, "0123456789");
        }

        w.EndStructure();
        byte[] bytes = w.ToArray();
        Assert.Equal(8 + (100 * 24), bytes.Length);
        Assert.Equal(100, TtlvElement.Parse(bytes).Children.Count);
    }
}
