using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>One operation to send, alone or in a batch. The set of operations is closed to this library.</summary>
public abstract class KmipOperationRequest
{
    private protected KmipOperationRequest()
    {
    }

    public abstract KmipOperation Operation { get; }

    /// <summary>True when resending after a broken connection cannot change server state twice.</summary>
    internal virtual bool IsIdempotent => false;

    /// <summary>Writes the RequestPayload's children.</summary>
    internal abstract void WritePayload(TtlvWriter writer, ProtocolVersion version);

    /// <summary>Reads a successful ResponsePayload (null when the server sent none).</summary>
    internal abstract KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version);

    private protected static TtlvElement RequirePayload(TtlvElement? payload, KmipOperation operation) =>
        payload ?? throw new KmipProtocolException($"{operation} response has no payload.");
}
