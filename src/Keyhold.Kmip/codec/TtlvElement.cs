using System.Buffers.Binary;
using System.Text;

namespace Keyhold.Kmip.Codec;

/// <summary>
/// One decoded TTLV item. Primitive values stay as slices of the message and are converted on access,
/// where the expected type is enforced (a wrong type for a tag is a <see cref="KmipProtocolException"/>).
/// </summary>
public sealed class TtlvElement
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly TtlvElement[] NoChildren = [];

    private TtlvElement(KmipTag tag, TtlvType type, ReadOnlyMemory<byte> value, IReadOnlyList<TtlvElement> children)
    {
        Tag = tag;
        Type = type;
        Value = value;
        Children = children;
    }

    public KmipTag Tag { get; }

    public TtlvType Type { get; }

    /// <summary>The unpadded value bytes (for a structure: its encoded children).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    public IReadOnlyList<TtlvElement> Children { get; }

    /// <summary>Decodes exactly one top-level item that must span the whole input.</summary>
    public static TtlvElement Parse(ReadOnlyMemory<byte> message, TtlvLimits? limits = null)
    {
        limits ??= TtlvLimits.Default;
        int items = 0;
        List<TtlvElement> top = ParseLevel(message, 0, limits, ref items);
        if (top.Count != 1)
        {
            throw new KmipProtocolException($"Expected one top-level TTLV item, found {top.Count}.");
        }

        return top[0];
    }

    public TtlvElement? Find(KmipTag tag)
    {
        foreach (TtlvElement child in Children)
        {
            if (child.Tag == tag)
            {
                return child;
            }
        }

        return null;
    }

    public TtlvElement Required(KmipTag tag) =>
        Find(tag) ?? throw new KmipProtocolException($"{Tag} is missing required {tag}.");

    public IEnumerable<TtlvElement> FindAll(KmipTag tag) => Children.Where(c => c.Tag == tag);

    public int GetInt32() => BinaryPrimitives.ReadInt32BigEndian(Expect(TtlvType.Integer));

    public long GetInt64() => BinaryPrimitives.ReadInt64BigEndian(Expect(TtlvType.LongInteger));

    public uint GetEnumeration() => BinaryPrimitives.ReadUInt32BigEndian(Expect(TtlvType.Enumeration));

    public uint GetInterval() => BinaryPrimitives.ReadUInt32BigEndian(Expect(TtlvType.Interval));

    public System.Numerics.BigInteger GetBigInteger() =>
        new(Expect(TtlvType.BigInteger), isUnsigned: false, isBigEndian: true);

    public bool GetBoolean()
    {
        ulong v = BinaryPrimitives.ReadUInt64BigEndian(Expect(TtlvType.Boolean));
        return v switch
        {
            0 => false,
            1 => true,
            _ => throw new KmipProtocolException($"Boolean {Tag} has value {v}; only 0 and 1 are valid."),
        };
    }

    public string GetText()
    {
        try
        {
            return StrictUtf8.GetString(Expect(TtlvType.TextString));
        }
        catch (DecoderFallbackException e)
        {
            throw new KmipProtocolException($"Text string {Tag} is not valid UTF-8.", e);
        }
    }

    public byte[] GetBytes() => Expect(TtlvType.ByteString).ToArray();

    public DateTimeOffset GetDateTime()
    {
        long seconds = BinaryPrimitives.ReadInt64BigEndian(Expect(TtlvType.DateTime));
        try
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new KmipProtocolException($"Date-Time {Tag} is out of range.", e);
        }
    }

    public DateTimeOffset GetDateTimeExtended()
    {
        long micros = BinaryPrimitives.ReadInt64BigEndian(Expect(TtlvType.DateTimeExtended));
        try
        {
            return DateTimeOffset.UnixEpoch.AddTicks(checked(micros * (TimeSpan.TicksPerMillisecond / 1000)));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new KmipProtocolException($"Date-Time Extended {Tag} is out of range.", e);
        }
    }

    /// <summary>Diagnostic shape only: never prints values, which may be key material.</summary>
    public override string ToString() => $"{Tag} ({Type}, {Value.Length} bytes)";

    internal void ExpectStructure() => Expect(TtlvType.Structure);

    /// <summary>Throws <see cref="KmipProtocolException"/> unless this item is a structure.</summary>
    public void ExpectStructureOrThrow() => Expect(TtlvType.Structure);

    private ReadOnlySpan<byte> Expect(TtlvType type)
    {
        if (Type != type)
        {
            throw new KmipProtocolException($"{Tag} has type {Type}, expected {type}.");
        }

        return Value.Span;
    }

    private static List<TtlvElement> ParseLevel(ReadOnlyMemory<byte> data, int depth, TtlvLimits limits, ref int items)
    {
        if (depth > limits.MaxDepth)
        {
            throw new KmipProtocolException($"TTLV nesting deeper than {limits.MaxDepth} levels.");
        }

        var result = new List<TtlvElement>();
        var reader = new TtlvReader(data.Span);
        while (reader.TryRead(out KmipTag tag, out TtlvType type, out int offset, out int length))
        {
            if (++items > limits.MaxItems)
            {
                throw new KmipProtocolException($"TTLV message has more than {limits.MaxItems} items.");
            }

            ReadOnlyMemory<byte> value = data.Slice(offset, length);
            IReadOnlyList<TtlvElement> children = type == TtlvType.Structure
                ? ParseLevel(value, depth + 1, limits, ref items)
                : NoChildren;
            result.Add(new TtlvElement(tag, type, value, children));
        }

        return result;
    }
}
