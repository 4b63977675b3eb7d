namespace Keyhold.Onboard;

/// <summary>
/// The passphrase did not open the wrapped root key (the RFC 5649 integrity check failed).
/// The message is fixed: it never carries the passphrase or any key material.
/// </summary>
public sealed class WrongPassphraseException : Exception
{
    private const string DefaultMessage = "The passphrase is incorrect.";

    public WrongPassphraseException()
        : base(DefaultMessage)
    {
    }

    public WrongPassphraseException(string message)
        : base(message)
    {
    }

    public WrongPassphraseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
