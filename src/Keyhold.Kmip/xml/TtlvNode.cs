using System.Numerics;
using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Xml;

/// <summary>
/// One TTLV item as a value tree, the common ground of the binary and the XML encodings: numbers, names and
/// hex become typed values here, so two trees compare by meaning ("Decrypt Encrypt" equals "Encrypt Decrypt").
/// A node read from a test case may hold a <see cref="Placeholder"/> (<c>$NOW</c>, <c>$UNIQUE_IDENTIFIER_0</c>)
/// instead of a value; such a node cannot be encoded until the placeholder is replaced.
/// </summary>
public sealed class TtlvNode
{
    public TtlvNode(int tag, TtlvType type, object? value, IReadOnlyList<TtlvNode>? children = null, string? placeholder = null)
    {
        Tag = tag;
        Type = type;
        Value = value;
        Children = children ?? [];
        Placeholder = placeholder;
    }

    public int Tag { get; }

    public TtlvType Type { get; }

    /// <summary>int (Integer), long, BigInteger, uint (Enumeration, Interval), bool, string, byte[], DateTimeOffset (DateTime, DateTimeExtended); null for a structure or a placeholder.</summary>
    public object? Value { get; }

    public IReadOnlyList<TtlvNode> Children { get; }

    public string? Placeholder { get; }

    public static TtlvNode Structure(int tag, IReadOnlyList<TtlvNode> children) => new(tag, TtlvType.Structure, null, children);

    public TtlvNode WithValue(object value) => new(Tag, Type, value, Children);

    public TtlvNode WithChildren(IReadOnlyList<TtlvNode> children) => new(Tag, Type, Value, children, Placeholder);

    public TtlvNode? Find(int tag) => Children.FirstOrDefault(c => c.Tag == tag);

    /// <summary>Decodes one binary TTLV message (bounded by <paramref name="limits"/>).</summary>
    public static TtlvNode FromTtlv(ReadOnlyMemory<byte> message, TtlvLimits? limits = null) => From(TtlvElement.Parse(message, limits));

    public static TtlvNode From(TtlvElement element)
    {
        int tag = (int)element.Tag;
        return element.Type switch
        {
            TtlvType.Structure => Structure(tag, element.Children.Select(From).ToArray()),
            TtlvType.Integer => new(tag, element.Type, element.GetInt32()),
            TtlvType.LongInteger => new(tag, element.Type, element.GetInt64()),
            TtlvType.BigInteger => new(tag, element.Type, element.GetBigInteger()),
            TtlvType.Enumeration => new(tag, element.Type, element.GetEnumeration()),
            TtlvType.Boolean => new(tag, element.Type, element.GetBoolean()),
            TtlvType.TextString => new(tag, element.Type, element.GetText()),
            TtlvType.ByteString => new(tag, element.Type, element.GetBytes()),
            TtlvType.DateTime => new(tag, element.Type, element.GetDateTime()),
            TtlvType.Interval => new(tag, element.Type, element.GetInterval()),
            TtlvType.DateTimeExtended => new(tag, element.Type, element.GetDateTimeExtended()),
            _ => throw new KmipProtocolException($"Unknown TTLV type 0x{(byte)element.Type:X2}."),
        };
    }

    public byte[] ToTtlv()
    {
        using var writer = new TtlvWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    public void WriteTo(TtlvWriter writer)
    {
        if (Placeholder is not null)
        {
            throw new KmipXmlException($"{Describe()} still holds the placeholder {Placeholder}.");
        }

        var tag = (KmipTag)Tag;
        switch (Type)
        {
            case TtlvType.Structure:
                writer.BeginStructure(tag);
                foreach (TtlvNode child in Children)
                {
                    child.WriteTo(writer);
                }

                writer.EndStructure();
                break;
            case TtlvType.Integer: writer.WriteInteger(tag, (int)Value!); break;
            case TtlvType.LongInteger: writer.WriteLongInteger(tag, (long)Value!); break;
            case TtlvType.BigInteger: writer.WriteBigInteger(tag, (BigInteger)Value!); break;
            case TtlvType.Enumeration: writer.WriteEnumeration(tag, (uint)Value!); break;
            case TtlvType.Boolean: writer.WriteBoolean(tag, (bool)Value!); break;
            case TtlvType.TextString: writer.WriteTextString(tag, (string)Value!); break;
            case TtlvType.ByteString: writer.WriteByteString(tag, (byte[])Value!); break;
            case TtlvType.DateTime: writer.WriteDateTime(tag, (DateTimeOffset)Value!); break;
            case TtlvType.Interval: writer.WriteInterval(tag, (uint)Value!); break;
            case TtlvType.DateTimeExtended: writer.WriteDateTimeExtended(tag, (DateTimeOffset)Value!); break;
            default: throw new KmipXmlException($"{Describe()} has unknown type {Type}.");
        }
    }

    /// <summary>Same type and value (children are not compared); DateTimes compare to the second.</summary>
    public bool SameValue(TtlvNode other) =>
        Type == other.Type && (Value, other.Value) switch
        {
            (null, null) => true,
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (DateTimeOffset a, DateTimeOffset b) => a.ToUnixTimeSeconds() == b.ToUnixTimeSeconds(),
            (object a, object b) => a.Equals(b),
            _ => false,
        };

    /// <summary>Same tag, type, value or placeholder, and the same children in the same order.</summary>
    public bool DeepEquals(TtlvNode other) =>
        Tag == other.Tag && Placeholder == other.Placeholder && SameValue(other) && Children.Count == other.Children.Count
        && Children.Zip(other.Children).All(p => p.First.DeepEquals(p.Second));

    /// <summary>The tag's name and the type; never the value, which may be key material.</summary>
    public string Describe() => $"{KmipNames.TagName(Tag) ?? $"0x{Tag:X6}"} ({Type})";

    public override string ToString() => Describe();
}
