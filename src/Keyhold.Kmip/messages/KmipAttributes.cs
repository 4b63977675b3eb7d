using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Attributes returned by Get Attributes, with the common ones typed and the rest listed by name.</summary>
public sealed class KmipAttributes
{
    private KmipAttributes()
    {
    }

    public string? UniqueIdentifier { get; private set; }

    public ObjectType? ObjectType { get; private set; }

    public CryptographicAlgorithm? CryptographicAlgorithm { get; private set; }

    public int? CryptographicLength { get; private set; }

    public CryptographicUsageMask? CryptographicUsageMask { get; private set; }

    public KmipObjectState? State { get; private set; }

    public DateTimeOffset? InitialDate { get; private set; }

    public DateTimeOffset? ActivationDate { get; private set; }

    /// <summary>Whether the object has never been served to a client (Fresh, KMIP 1.1 and later).</summary>
    public bool? Fresh { get; private set; }

    public IReadOnlyList<string> Names => _names;

    /// <summary>Names (1.x) or tags (2.0) of attributes present but not typed above.</summary>
    public IReadOnlyList<string> OtherAttributes => _other;

    private readonly List<string> _names = [];
    private readonly List<string> _other = [];

    /// <summary>Reads Attribute items (1.x) or the Attributes structure (2.0) from a response payload.</summary>
    internal static KmipAttributes Read(TtlvElement payload, ProtocolVersion version)
    {
        var result = new KmipAttributes();
        if (version.UsesAttributesStructure)
        {
            TtlvElement? attributes = payload.Find(KmipTag.Attributes);
            attributes?.ExpectStructure();
            foreach (TtlvElement value in attributes?.Children ?? [])
            {
                result.Set(value.Tag, value);
            }
        }
        else
        {
            foreach (TtlvElement attribute in payload.FindAll(KmipTag.Attribute))
            {
                attribute.ExpectStructure();
                string name = attribute.Required(KmipTag.AttributeName).GetText();
                TtlvElement value = attribute.Required(KmipTag.AttributeValue);
                if (TagFor(name) is { } tag)
                {
                    result.Set(tag, value);
                }
                else
                {
                    result._other.Add(name);
                }
            }
        }

        return result;
    }

    private static KmipTag? TagFor(string name) => name switch
    {
        "Unique Identifier" => KmipTag.UniqueIdentifier,
        "Object Type" => KmipTag.ObjectType,
        "Cryptographic Algorithm" => KmipTag.CryptographicAlgorithm,
        "Cryptographic Length" => KmipTag.CryptographicLength,
        "Cryptographic Usage Mask" => KmipTag.CryptographicUsageMask,
        "State" => KmipTag.State,
        "Initial Date" => KmipTag.InitialDate,
        "Activation Date" => KmipTag.ActivationDate,
        "Fresh" => KmipTag.Fresh,
        "Name" => KmipTag.Name,
        _ => null,
    };

    private void Set(KmipTag tag, TtlvElement value)
    {
        switch (tag)
        {
            case KmipTag.UniqueIdentifier: UniqueIdentifier = value.GetText(); break;
            case KmipTag.ObjectType: ObjectType = (ObjectType)value.GetEnumeration(); break;
            case KmipTag.CryptographicAlgorithm: CryptographicAlgorithm = (CryptographicAlgorithm)value.GetEnumeration(); break;
            case KmipTag.CryptographicLength: CryptographicLength = value.GetInt32(); break;
            case KmipTag.CryptographicUsageMask: CryptographicUsageMask = (CryptographicUsageMask)value.GetInt32(); break;
            case KmipTag.State: State = (KmipObjectState)value.GetEnumeration(); break;
            case KmipTag.InitialDate: InitialDate = value.GetDateTime(); break;
            case KmipTag.ActivationDate: ActivationDate = value.GetDateTime(); break;
            case KmipTag.Fresh: Fresh = value.GetBoolean(); break;
            case KmipTag.Name:
                value.ExpectStructure();
                _names.Add(value.Required(KmipTag.NameValue).GetText());
                break;
            default: _other.Add(tag.ToString()); break;
        }
    }
}
