using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Get all attributes of an object (requesting by name is not needed by the service).</summary>
public sealed class GetAttributesRequest(string uniqueIdentifier) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.GetAttributes;

    public string UniqueIdentifier { get; } = uniqueIdentifier;

    internal override bool IsIdempotent => true;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version) =>
        writer.WriteTextString(KmipTag.UniqueIdentifier, UniqueIdentifier);

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version)
    {
        TtlvElement p = RequirePayload(payload, Operation);
        return new GetAttributesResponse(p.Required(KmipTag.UniqueIdentifier).GetText(), KmipAttributes.Read(p, version));
    }
}

public sealed class GetAttributesResponse(string uniqueIdentifier, KmipAttributes attributes) : KmipOperationResponse
{
    public string UniqueIdentifier { get; } = uniqueIdentifier;

    public KmipAttributes Attributes { get; } = attributes;
}
