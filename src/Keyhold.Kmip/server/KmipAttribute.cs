using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Server;

/// <summary>
/// One attribute instance, version-neutral: its 1.x name, its index among instances of that name, and its value as
/// encoded bytes (a structure's value is its encoded children). Written back as 1.x Attribute or as 2.0's typed tag.
/// </summary>
public sealed record KmipAttribute(string Name, int Index, TtlvType Type, byte[] Value)
{
    /// <summary>Longest attribute name accepted (custom names included).</summary>
    public const int MaxNameLength = 256;

    public bool SameValue(KmipAttribute other) => Type == other.Type && Value.AsSpan().SequenceEqual(other.Value);

    public TtlvElement ValueElement() => Parse(Type, Value);

    /// <summary>A 1.x Attribute structure; <paramref name="requireValue"/> false allows a name-only reference (Delete).</summary>
    public static KmipAttribute Read1x(TtlvElement attribute, bool requireValue = true)
    {
        if (attribute.Type != TtlvType.Structure)
        {
            throw new KmipFaultException(ResultReason.InvalidMessage, "An Attribute must be a structure.");
        }

        string name = attribute.Required(KmipTag.AttributeName).GetText();
        CheckName(name);
        int index = attribute.Find(KmipTag.AttributeIndex)?.GetInt32() ?? 0;
        TtlvElement? value = attribute.Find(KmipTag.AttributeValue);
        if (value is null && requireValue)
        {
            throw new KmipFaultException(ResultReason.InvalidMessage, $"Attribute '{name}' has no value.");
        }

        return new KmipAttribute(name, index, value?.Type ?? TtlvType.Structure, value?.Value.ToArray() ?? []);
    }

    /// <summary>A 2.0 attribute: the value under its own tag.</summary>
    public static KmipAttribute Read2x(TtlvElement value)
    {
        string name = KmipAttributeNames.NameOf(value.Tag)
            ?? throw new KmipFaultException(ResultReason.InvalidField, $"Tag 0x{(int)value.Tag:X6} is not an attribute this server knows.");
        return new KmipAttribute(name, 0, value.Type, value.Value.ToArray());
    }

    /// <summary>Writes this attribute in the encoding of <paramref name="version"/>; false when 2.0 has no tag for it.</summary>
    public bool Write(TtlvWriter w, ProtocolVersion version, bool withIndex = false)
    {
        if (version.UsesAttributesStructure)
        {
            if (KmipAttributeNames.TagOf(Name) is not { } tag)
            {
                return false;
            }

            w.WriteRaw(tag, Type, Value);
            return true;
        }

        w.BeginStructure(KmipTag.Attribute);
        w.WriteTextString(KmipTag.AttributeName, Name);
        if (withIndex || Index > 0)
        {
            w.WriteInteger(KmipTag.AttributeIndex, Index);
        }

        w.WriteRaw(KmipTag.AttributeValue, Type, ValueFor(version));
        w.EndStructure();
        return true;
    }

    /// <summary>The value as <paramref name="version"/> defines it: KMIP 1.0's Digest has no Key Format Type (1.1 added it).</summary>
    private byte[] ValueFor(ProtocolVersion version)
    {
        if (version >= ProtocolVersion.V1_1 || Name != KmipAttributeNames.Digest || Type != TtlvType.Structure)
        {
            return Value;
        }

        using var w = new TtlvWriter(Value.Length + 8);
        foreach (TtlvElement child in ValueElement().Children.Where(c => c.Tag != KmipTag.KeyFormatType))
        {
            w.WriteRaw(child.Tag, child.Type, child.Value.Span);
        }

        return w.ToArray();
    }

    public static void CheckName(string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new KmipFaultException(ResultReason.InvalidField, $"An attribute name has 1 to {MaxNameLength} characters.");
        }
    }

    private static TtlvElement Parse(TtlvType type, byte[] value)
    {
        using var w = new TtlvWriter(value.Length + 16);
        w.WriteRaw(KmipTag.AttributeValue, type, value);
        return TtlvElement.Parse(w.ToArray());
    }
}
