namespace Keyhold.Kmip.Xml;

/// <summary>KMIP XML that cannot become TTLV: an unknown tag or name, or a value its type cannot hold.</summary>
public sealed class KmipXmlException : KmipException
{
    public KmipXmlException()
        : this("Invalid KMIP XML.")
    {
    }

    public KmipXmlException(string message)
        : base(KmipErrorKind.Protocol, message)
    {
    }

    public KmipXmlException(string message, Exception innerException)
        : base(KmipErrorKind.Protocol, message, innerException)
    {
    }
}
