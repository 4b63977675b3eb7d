using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Find objects by Name (exact match).</summary>
public sealed class LocateRequest(string name, int? maximumItems = null) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.Locate;

    public string Name { get; } = name;

    public int? MaximumItems { get; } = maximumItems;

    internal override bool IsIdempotent => true;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version)
    {
        if (MaximumItems is { } max)
        {
            writer.WriteInteger(KmipTag.MaximumItems, max);
        }

        new AttributeSet(Name: Name).WriteFilter(writer, version);
    }

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        new LocateResponse(payload?.FindAll(KmipTag.UniqueIdentifier).Select(e => e.GetText()).ToList() ?? []);
}

public sealed class LocateResponse(IReadOnlyList<string> uniqueIdentifiers) : KmipOperationResponse
{
    public IReadOnlyList<string> UniqueIdentifiers { get; } = uniqueIdentifiers;
}
