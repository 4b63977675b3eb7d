using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Tests;

/// <summary>Hostile or broken TTLV must fail fast with <see cref="KmipProtocolException"/>.</summary>
public class MalformedInputTests
{
    private static void Rejected(string hex) =>
        Assert.Throws<KmipProtocolException>(() => TtlvElement.Parse(Hex.Parse(hex)));

    [Fact]
    public void TruncatedHeader() => Rejected("4200200200");

    [Fact]
    public void TruncatedValue() => Rejected("42002002000000040000");

    [Fact]
    public void Empty() => Rejected("");

    [Fact]
    public void ChildOverrunsParent() =>
        Rejected("4200200100000010" + "4200040500000004" + "00000001000000004200050200000004");

    [Fact]
    public void DeclaredFourGigabytes_NoWrapAround() => Rejected("42002008ffffffff" + "0000000000000000");

    [Fact]
    public void DeclaredLengthJustUnderUIntMax_NoWrapAround() => Rejected("42002001fffffff8");

    [Theory]
    [InlineData("4200200200000008" + "0000000000000008")] // Integer must be 4 bytes
    [InlineData("4200200500000002" + "0001000000000000")] // Enumeration must be 4 bytes
    [InlineData("4200200300000004" + "0000000100000000")] // Long Integer must be 8 bytes
    [InlineData("4200200600000004" + "0000000100000000")] // Boolean must be 8 bytes
    [InlineData("4200200400000004" + "0000000100000000")] // Big Integer must be a multiple of 8
    [InlineData("4200200100000004" + "0000000000000000")] // Structure length must be a multiple of 8
    public void WrongLengthForType(string hex) => Rejected(hex);

    [Theory]
    [InlineData("0C")]
    [InlineData("00")]
    [InlineData("FF")]
    public void UnknownType(string type) => Rejected("420020" + type + "000000040000000100000000");

    [Fact]
    public void TrailingBytesAfterMessage() => Rejected("4200200200000004000000080000000042002002000000040000000800000000");

    [Fact]
    public void DeepNesting_IsRejected()
    {
        byte[] nested = Nest(200);
        var e = Assert.Throws<KmipProtocolException>(() => TtlvElement.Parse(nested));
        Assert.Contains("nesting", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_AtTheLimit_IsAccepted()
    {
        var limits = new TtlvLimits { MaxDepth = 8 };
        TtlvElement.Parse(Nest(8), limits); // MaxDepth counts nested structures
        Assert.Throws<KmipProtocolException>(() => TtlvElement.Parse(Nest(9), limits));
    }

    [Fact]
    public void TooManyItems_IsRejected()
    {
        using var w = new TtlvWriter();
        w.BeginStructure(KmipTag.ResponseMessage);
        for (int i = 0; i < 20; i++)
        {
            w.WriteInteger(KmipTag.BatchCount, i);
        }

        w.EndStructure();
        Assert.Throws<KmipProtocolException>(() => TtlvElement.Parse(w.ToArray(), new TtlvLimits { MaxItems = 10 }));
    }

    [Fact]
    public void WrongTypeForTag_IsRejectedOnAccess()
    {
        // ResultStatus sent as a Text String instead of an Enumeration.
        string bad = GoldenVectors.GetUnknownUidResponse.Replace(
            "42007f05000000040000000100000000", "42007f07000000040000000100000000", StringComparison.Ordinal);
        var e = Assert.Throws<KmipProtocolException>(() => ResponseMessage.Decode(Hex.Parse(bad)));
        Assert.Contains("ResultStatus", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BooleanOtherThanZeroOrOne() =>
        Assert.Throws<KmipProtocolException>(() => TtlvElement.Parse(Hex.Parse("42002006000000080000000000000002")).GetBoolean());

    [Fact]
    public void InvalidUtf8Text() =>
        Assert.Throws<KmipProtocolException>(() => TtlvElement.Parse(Hex.Parse("4200200700000002c328000000000000")).GetText());

    [Fact]
    public void NotAResponseMessage() =>
        Assert.Throws<KmipProtocolException>(() => ResponseMessage.Decode(Hex.Parse(GoldenVectors.GetSymmetricV14Request)));

    [Fact]
    public void BatchCountMismatch()
    {
        // Header says 2 items, one present.
        string bad = GoldenVectors.GetUnknownUidResponse.Replace(
            "42000d02000000040000000100000000", "42000d02000000040000000200000000", StringComparison.Ordinal);
        Assert.Throws<KmipProtocolException>(() => ResponseMessage.Decode(Hex.Parse(bad)));
    }

    [Fact]
    public void MissingRequiredField()
    {
        // Create response without its UniqueIdentifier: truncate the payload to ObjectType only.
        using var w = new TtlvWriter();
        w.BeginStructure(KmipTag.ResponseMessage);
        w.BeginStructure(KmipTag.ResponseHeader);
        ProtocolVersion.V1_4.Write(w);
        w.WriteInteger(KmipTag.BatchCount, 1);
        w.EndStructure();
        w.BeginStructure(KmipTag.BatchItem);
        w.WriteEnumeration(KmipTag.Operation, (uint)KmipOperation.Create);
        w.WriteEnumeration(KmipTag.ResultStatus, 0);
        w.BeginStructure(KmipTag.ResponsePayload);
        w.WriteEnumeration(KmipTag.ObjectType, 2);
        w.EndStructure();
        w.EndStructure();
        w.EndStructure();
        ResponseMessage m = ResponseMessage.Decode(w.ToArray());
        Assert.Throws<KmipProtocolException>(() => BatchResponseMatcher.Match([new CreateSymmetricKeyRequest(128)], m, ProtocolVersion.V1_4));
    }

    private static byte[] Nest(int levels)
    {
        using var w = new TtlvWriter();
        for (int i = 0; i < levels; i++)
        {
            w.BeginStructure(KmipTag.Attributes);
        }

        for (int i = 0; i < levels; i++)
        {
            w.EndStructure();
        }

        return w.ToArray();
    }
}
