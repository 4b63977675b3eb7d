using System.Globalization;
using System.Numerics;
using System.Xml.Linq;
using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Xml;

/// <summary>A <see cref="TtlvNode"/> tree (or binary TTLV) in KMIP's XML encoding, the inverse of <see cref="KmipXmlReader"/>.</summary>
public static class KmipXmlWriter
{
    private static readonly int AttributeNameTag = KmipNames.TryGetTag("AttributeName", out int t) ? t : 0;
    private static readonly int AttributeValueTag = KmipNames.TryGetTag("AttributeValue", out int t) ? t : 0;

    public static XElement Write(TtlvNode node) => Write(node, null);

    public static XElement FromTtlv(ReadOnlyMemory<byte> message, TtlvLimits? limits = null) => Write(TtlvNode.FromTtlv(message, limits));

    private static XElement Write(TtlvNode node, int? attributeTag)
    {
        string? name = KmipNames.TagName(node.Tag);
        var element = new XElement(name ?? "TTLV");
        if (name is null)
        {
            element.SetAttributeValue("tag", $"0x{node.Tag:X6}");
        }

        if (node.Type == TtlvType.Structure)
        {
            int? context = null;
            foreach (TtlvNode child in node.Children)
            {
                element.Add(Write(child, context));
                if (child.Tag == AttributeNameTag && child.Value is string attributeName)
                {
                    context = KmipNames.TagOfAttribute(attributeName);
                }
            }

            return element;
        }

        element.SetAttributeValue("type", node.Type.ToString());
        int nameTag = node.Tag == AttributeValueTag && attributeTag is int a ? a : node.Tag;
        element.SetAttributeValue("value", node.Placeholder ?? Text(node, nameTag));
        return element;
    }

    private static string Text(TtlvNode node, int nameTag) => node.Value switch
    {
        int i when KmipNames.IsMask(nameTag) => Mask(nameTag, i),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        BigInteger b => Convert.ToHexStringLower(BigBytes(b)),
        uint u when node.Type == TtlvType.Enumeration => KmipNames.EnumName(nameTag, u) ?? $"0x{u:X8}",
        uint u => u.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        byte[] bytes => Convert.ToHexStringLower(bytes),
        DateTimeOffset d => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
        _ => throw new KmipXmlException($"{node.Describe()} has no value."),
    };

    private static string Mask(int tag, int mask)
    {
        string[] bits = KmipNames.MaskBitNames(tag)!;
        var names = new List<string>();
        for (int bit = 0; bit < 32; bit++)
        {
            if ((mask & (1 << bit)) == 0)
            {
                continue;
            }

            if (bit >= bits.Length)
            {
                return $"0x{mask:X8}";
            }

            names.Add(bits[bit]);
        }

        return names.Count == 0 ? "0" : string.Join(' ', names);
    }

    /// <summary>Big-endian two's complement, sign-extended to a multiple of 8 bytes, as in TTLV.</summary>
    private static byte[] BigBytes(BigInteger value)
    {
        byte[] raw = value.ToByteArray(isUnsigned: false, isBigEndian: true);
        int padded = Math.Max(8, (raw.Length + 7) & ~7);
        var result = new byte[padded];
        result.AsSpan(0, padded - raw.Length).Fill(value.Sign < 0 ? (byte)0xFF : (byte)0);
        raw.CopyTo(result, padded - raw.Length);
        return result;
    }
}
