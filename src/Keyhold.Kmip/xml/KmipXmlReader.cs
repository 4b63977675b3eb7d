using System.Globalization;
using System.Numerics;
using System.Xml.Linq;
using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Xml;

/// <summary>
/// KMIP's XML encoding (as in the OASIS test cases) to a <see cref="TtlvNode"/> tree: an element per item, named by
/// its tag (or <c>&lt;TTLV tag="0x540001"&gt;</c>), <c>type</c> absent for a structure, <c>value</c> holding
/// enumerations and mask bits by name (or hex), byte strings and big integers as hex, date-times as ISO 8601.
/// In a 1.x <c>Attribute</c>, the <c>AttributeValue</c>'s enumeration or mask names are those of the tag the
/// <c>AttributeName</c> names ("Cryptographic Algorithm" → CryptographicAlgorithm).
/// </summary>
public static class KmipXmlReader
{
    private static readonly int AttributeNameTag = Tag("AttributeName");
    private static readonly int AttributeValueTag = Tag("AttributeValue");

    /// <summary>Reads one element; with <paramref name="allowPlaceholders"/> a value starting with <c>$</c> becomes a placeholder.</summary>
    public static TtlvNode Read(XElement element, bool allowPlaceholders = false) => Read(element, null, allowPlaceholders);

    public static byte[] ToTtlv(XElement element) => Read(element).ToTtlv();

    private static TtlvNode Read(XElement element, int? attributeTag, bool allowPlaceholders)
    {
        int tag = TagOf(element);
        string? typeName = element.Attribute("type")?.Value;
        if (typeName is null || typeName == "Structure")
        {
            if (element.Attribute("value") is not null)
            {
                throw new KmipXmlException($"<{element.Name.LocalName}> has a value but no type.");
            }

            var children = new List<TtlvNode>();
            int? context = null;
            foreach (XElement child in element.Elements())
            {
                TtlvNode node = Read(child, context, allowPlaceholders);
                if (node.Tag == AttributeNameTag && node.Value is string name)
                {
                    context = KmipNames.TagOfAttribute(name);
                }

                children.Add(node);
            }

            return TtlvNode.Structure(tag, children);
        }

        TtlvType type = TypeOf(typeName);
        string text = element.Attribute("value")?.Value
            ?? throw new KmipXmlException($"<{element.Name.LocalName}> has type {typeName} but no value.");
        if (allowPlaceholders && text.StartsWith('$'))
        {
            return new TtlvNode(tag, type, null, placeholder: text);
        }

        int nameTag = tag == AttributeValueTag && attributeTag is int t ? t : tag;
        try
        {
            return new TtlvNode(tag, type, Value(type, nameTag, text));
        }
        catch (FormatException e)
        {
            throw new KmipXmlException($"<{element.Name.LocalName}> value is not a valid {typeName}.", e);
        }
        catch (OverflowException e)
        {
            throw new KmipXmlException($"<{element.Name.LocalName}> value is out of range for {typeName}.", e);
        }
    }

    private static object Value(TtlvType type, int nameTag, string text) => type switch
    {
        TtlvType.Integer => KmipNames.IsMask(nameTag) ? Mask(nameTag, text) : (int)Number(text, int.MinValue, int.MaxValue),
        TtlvType.LongInteger => Number(text, long.MinValue, long.MaxValue),
        TtlvType.BigInteger => new BigInteger(Convert.FromHexString(Hex(text)), isUnsigned: false, isBigEndian: true),
        TtlvType.Enumeration => Enumeration(nameTag, text),
        TtlvType.Boolean => text.Trim() switch
        {
            "true" or "1" or "0x0000000000000001" => true,
            "false" or "0" or "0x0000000000000000" => false,
            _ => throw new FormatException("not a boolean"),
        },
        TtlvType.TextString => text,
        TtlvType.ByteString => Convert.FromHexString(Hex(text)),
        TtlvType.DateTime => Date(text),
        TtlvType.Interval => (uint)Number(text, 0, uint.MaxValue),
        TtlvType.DateTimeExtended => text.StartsWith("0x", StringComparison.Ordinal)
            ? DateTimeOffset.UnixEpoch.AddTicks(Number(text, long.MinValue, long.MaxValue) * 10)
            : Date(text),
        _ => throw new KmipXmlException($"Type {type} has no XML value."),
    };

    private static DateTimeOffset Date(string text) => text.StartsWith("0x", StringComparison.Ordinal)
        ? DateTimeOffset.FromUnixTimeSeconds(Number(text, long.MinValue, long.MaxValue))
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static uint Enumeration(int tag, string text)
    {
        text = text.Trim();
        if (KmipNames.TryGetEnumValue(tag, text, out uint value))
        {
            return value;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) || (text.Length > 0 && char.IsAsciiDigit(text[0])))
        {
            return (uint)Number(text, 0, uint.MaxValue);
        }

        throw new KmipXmlException($"\"{text}\" is not an enumeration value of {KmipNames.TagName(tag) ?? $"0x{tag:X6}"}.");
    }

    /// <summary>Mask bits by name separated by spaces or '|', or a number.</summary>
    private static int Mask(int tag, string text)
    {
        string[] bits = KmipNames.MaskBitNames(tag)!;
        int mask = 0;
        foreach (string token in text.Split([' ', '|'], StringSplitOptions.RemoveEmptyEntries))
        {
            int bit = Array.IndexOf(bits, token);
            mask |= bit >= 0 ? 1 << bit : (int)Number(token, int.MinValue, uint.MaxValue);
        }

        return mask;
    }

    private static long Number(string text, long min, long max)
    {
        text = text.Trim();
        long value = text.StartsWith("0x", StringComparison.Ordinal)
            ? long.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (value < min || value > max)
        {
            throw new OverflowException();
        }

        return value;
    }

    private static string Hex(string text) => text.Trim().Replace(" ", "", StringComparison.Ordinal);

    private static int TagOf(XElement element)
    {
        string name = element.Name.LocalName;
        if (name == "TTLV")
        {
            string raw = element.Attribute("tag")?.Value ?? throw new KmipXmlException("<TTLV> without a tag attribute.");
            return (int)Number(raw, 0, 0xFFFFFF);
        }

        return KmipNames.TryGetTag(name, out int tag) ? tag : throw new KmipXmlException($"Unknown KMIP tag <{name}>.");
    }

    private static TtlvType TypeOf(string name) => Enum.TryParse(name, ignoreCase: false, out TtlvType type) && Enum.IsDefined(type)
        ? type
        : throw new KmipXmlException($"Unknown TTLV type \"{name}\".");

    private static int Tag(string name) => KmipNames.TryGetTag(name, out int tag) ? tag : throw new InvalidOperationException(name);
}
