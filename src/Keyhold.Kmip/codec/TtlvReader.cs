using System.Buffers.Binary;

namespace Keyhold.Kmip.Codec;

/// <summary>
/// Walks the items of one TTLV level in a span, validating each header against the bytes that remain
/// and the fixed sizes of the primitive types. Structures are not entered; callers recurse on the value.
/// </summary>
public ref struct TtlvReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public TtlvReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Offset of the next item relative to the start of the span.</summary>
    public readonly int Position => _position;

    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads the next item header; <paramref name="valueOffset"/> is relative to the span start.</summary>
    public bool TryRead(out KmipTag tag, out TtlvType type, out int valueOffset, out int valueLength)
    {
        tag = 0;
        type = 0;
        valueOffset = 0;
        valueLength = 0;
        if (End)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = _data[_position..];
        if (rest.Length < 8)
        {
            throw new KmipProtocolException($"Truncated TTLV header at offset {_position}.");
        }

        tag = (KmipTag)((rest[0] << 16) | (rest[1] << 8) | rest[2]);
        type = (TtlvType)rest[3];
        uint declared = BinaryPrimitives.ReadUInt32BigEndian(rest[4..]);
        ValidateLength(tag, type, declared);

        // Padded length computed in 64 bits: a declared 0xFFFFFFFF must not wrap around.
        long padded = ((long)declared + 7) & ~7L;
        if (padded > rest.Length - 8)
        {
            throw new KmipProtocolException(
                $"TTLV item 0x{(int)tag:X6} declares {declared} bytes but only {rest.Length - 8} remain.");
        }

        valueOffset = _position + 8;
        valueLength = (int)declared;
        _position += 8 + (int)padded;
        return true;
    }

    private static void ValidateLength(KmipTag tag, TtlvType type, uint length)
    {
        bool ok = type switch
        {
            TtlvType.Integer or TtlvType.Enumeration or TtlvType.Interval => length == 4,
            TtlvType.LongInteger or TtlvType.Boolean or TtlvType.DateTime or TtlvType.DateTimeExtended => length == 8,
            TtlvType.BigInteger => length % 8 == 0 && length > 0,
            TtlvType.Structure => length % 8 == 0,
            TtlvType.TextString or TtlvType.ByteString => true,
            _ => throw new KmipProtocolException($"Unknown TTLV type 0x{(byte)type:X2} for tag 0x{(int)tag:X6}."),
        };
        if (!ok)
        {
            throw new KmipProtocolException($"Invalid length {length} for {type} item 0x{(int)tag:X6}.");
        }
    }
}
