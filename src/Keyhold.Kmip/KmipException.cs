namespace Keyhold.Kmip;

/// <summary>Base of every failure this library raises; <see cref="Kind"/> drives error mapping.</summary>
public class KmipException : Exception
{
    public KmipException()
        : this(KmipErrorKind.Protocol, "KMIP failure.")
    {
    }

    public KmipException(string message)
        : this(KmipErrorKind.Protocol, message)
    {
    }

    public KmipException(string message, Exception innerException)
        : this(KmipErrorKind.Protocol, message, innerException)
    {
    }

    public KmipException(KmipErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public KmipException(KmipErrorKind kind, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public KmipErrorKind Kind { get; }
}
