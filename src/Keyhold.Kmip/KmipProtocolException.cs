namespace Keyhold.Kmip;

/// <summary>The peer sent bytes that are not a well-formed KMIP message we can use (or we refused to send one).</summary>
public sealed class KmipProtocolException : KmipException
{
    public KmipProtocolException()
        : this("Malformed KMIP message.")
    {
    }

    public KmipProtocolException(string message)
        : base(KmipErrorKind.Protocol, message)
    {
    }

    public KmipProtocolException(string message, Exception innerException)
        : base(KmipErrorKind.Protocol, message, innerException)
    {
    }
}
