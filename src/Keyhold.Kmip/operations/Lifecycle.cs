using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Moves a PreActive object to Active. A null identifier means the batch's ID placeholder (not all servers parse it).</summary>
public sealed class ActivateRequest(string? uniqueIdentifier) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.Activate;

    public string? UniqueIdentifier { get; } = uniqueIdentifier;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version)
    {
        if (UniqueIdentifier is not null)
        {
            writer.WriteTextString(KmipTag.UniqueIdentifier, UniqueIdentifier);
        }
    }

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        UniqueIdentifierResponse.Read(payload, Operation);
}

/// <summary>Revokes an object; compromise reasons carry a CompromiseOccurrenceDate as the spec requires.</summary>
public sealed class RevokeRequest(string uniqueIdentifier, RevocationReasonCode reason, string? message = null,
    DateTimeOffset? compromiseOccurrenceDate = null) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.Revoke;

    public string UniqueIdentifier { get; } = uniqueIdentifier;

    public RevocationReasonCode Reason { get; } = reason;

    public string? Message { get; } = message;

    public DateTimeOffset? CompromiseOccurrenceDate { get; } = compromiseOccurrenceDate;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version)
    {
        writer.WriteTextString(KmipTag.UniqueIdentifier, UniqueIdentifier);
        writer.BeginStructure(KmipTag.RevocationReason);
        writer.WriteEnumeration(KmipTag.RevocationReasonCode, (uint)Reason);
        if (Message is not null)
        {
            writer.WriteTextString(KmipTag.RevocationMessage, Message);
        }

        writer.EndStructure();
        DateTimeOffset? date = CompromiseOccurrenceDate
            ?? (Reason is RevocationReasonCode.KeyCompromise or RevocationReasonCode.CACompromise ? DateTimeOffset.UtcNow : null);
        if (date is { } d)
        {
            writer.WriteDateTime(KmipTag.CompromiseOccurrenceDate, d);
        }
    }

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        UniqueIdentifierResponse.Read(payload, Operation);
}

/// <summary>Destroys an object (PyKMIP refuses Active objects: revoke them first).</summary>
public sealed class DestroyRequest(string uniqueIdentifier) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.Destroy;

    public string UniqueIdentifier { get; } = uniqueIdentifier;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version) =>
        writer.WriteTextString(KmipTag.UniqueIdentifier, UniqueIdentifier);

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        UniqueIdentifierResponse.Read(payload, Operation);
}
