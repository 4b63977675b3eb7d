namespace Keyhold.Kmip.Server;

/// <summary>
/// A request the server refuses: becomes a failed batch item with this reason. Messages are the server's own
/// words and never quote request values, which may be key material.
/// </summary>
public sealed class KmipFaultException(ResultReason reason, string message) : Exception(message)
{
    public ResultReason Reason { get; } = reason;
}
