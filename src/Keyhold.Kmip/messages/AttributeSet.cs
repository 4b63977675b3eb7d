using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>
/// The attributes a client sets on Create/Register or matches on Locate, written as
/// TemplateAttribute/Attribute name-value pairs for 1.x and as typed tags in Attributes for 2.0.
/// </summary>
internal readonly record struct AttributeSet(
    CryptographicAlgorithm? Algorithm = null,
    int? Length = null,
    CryptographicUsageMask? UsageMask = null,
    string? Name = null,
    ObjectType? ObjectType = null)
{
    private const uint UninterpretedTextString = 1;

    /// <summary>Create/Register: TemplateAttribute (1.x) or Attributes (2.0).</summary>
    public void WriteTemplate(TtlvWriter w, ProtocolVersion version)
    {
        w.BeginStructure(version.UsesAttributesStructure ? KmipTag.Attributes : KmipTag.TemplateAttribute);
        WriteEach(w, version);
        w.EndStructure();
    }

    /// <summary>Locate: bare Attribute items (1.x) or one Attributes structure (2.0).</summary>
    public void WriteFilter(TtlvWriter w, ProtocolVersion version)
    {
        if (version.UsesAttributesStructure)
        {
            WriteTemplate(w, version);
        }
        else
        {
            WriteEach(w, version);
        }
    }

    private void WriteEach(TtlvWriter w, ProtocolVersion version)
    {
        bool typed = version.UsesAttributesStructure;
        if (ObjectType is { } type)
        {
            Begin(w, typed, "Object Type");
            w.WriteEnumeration(typed ? KmipTag.ObjectType : KmipTag.AttributeValue, (uint)type);
            End(w, typed);
        }

        if (Algorithm is { } algorithm)
        {
            Begin(w, typed, "Cryptographic Algorithm");
            w.WriteEnumeration(typed ? KmipTag.CryptographicAlgorithm : KmipTag.AttributeValue, (uint)algorithm);
            End(w, typed);
        }

        if (Length is { } length)
        {
            Begin(w, typed, "Cryptographic Length");
            w.WriteInteger(typed ? KmipTag.CryptographicLength : KmipTag.AttributeValue, length);
            End(w, typed);
        }

        if (UsageMask is { } mask)
        {
            Begin(w, typed, "Cryptographic Usage Mask");
            w.WriteInteger(typed ? KmipTag.CryptographicUsageMask : KmipTag.AttributeValue, (int)mask);
            End(w, typed);
        }

        if (Name is { } name)
        {
            Begin(w, typed, "Name");
            w.BeginStructure(typed ? KmipTag.Name : KmipTag.AttributeValue);
            w.WriteTextString(KmipTag.NameValue, name);
            w.WriteEnumeration(KmipTag.NameType, UninterpretedTextString);
            w.EndStructure();
            End(w, typed);
        }
    }

    private static void Begin(TtlvWriter w, bool typed, string name)
    {
        if (!typed)
        {
            w.BeginStructure(KmipTag.Attribute);
            w.WriteTextString(KmipTag.AttributeName, name);
        }
    }

    private static void End(TtlvWriter w, bool typed)
    {
        if (!typed)
        {
            w.EndStructure();
        }
    }
}
