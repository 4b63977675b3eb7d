using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Server;

/// <summary>One batch item of a request: the operation as sent (possibly unknown), its ID and its payload.</summary>
public sealed record KmipRequestItem(uint Operation, byte[]? BatchItemId, TtlvElement? Payload)
{
    /// <summary>The payload, or an empty element's absence reported as Invalid Message.</summary>
    public TtlvElement RequirePayload() =>
        Payload ?? throw new KmipFaultException(ResultReason.InvalidMessage, "The batch item has no request payload.");
}
