namespace Keyhold.Migration;

/// <summary>One step of a key's move failed; the message says which ("could not be written to ...: reason"), never with key material.</summary>
public sealed class KeyMoveException : Exception
{
    public KeyMoveException()
    {
    }

    public KeyMoveException(string message)
        : base(message)
    {
    }

    public KeyMoveException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
