using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

public sealed class QueryRequest(params IReadOnlyList<QueryFunction> functions) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.Query;

    public IReadOnlyList<QueryFunction> Functions { get; } = functions;

    internal override bool IsIdempotent => true;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version)
    {
        foreach (QueryFunction f in Functions)
        {
            writer.WriteEnumeration(KmipTag.QueryFunction, (uint)f);
        }
    }

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        new QueryResponse(
            payload?.FindAll(KmipTag.Operation).Select(e => (KmipOperation)e.GetEnumeration()).ToList() ?? [],
            payload?.FindAll(KmipTag.ObjectType).Select(e => (ObjectType)e.GetEnumeration()).ToList() ?? [],
            payload?.Find(KmipTag.VendorIdentification)?.GetText());
}

public sealed class QueryResponse(
    IReadOnlyList<KmipOperation> operations,
    IReadOnlyList<ObjectType> objectTypes,
    string? vendorIdentification) : KmipOperationResponse
{
    public IReadOnlyList<KmipOperation> Operations { get; } = operations;

    public IReadOnlyList<ObjectType> ObjectTypes { get; } = objectTypes;

    public string? VendorIdentification { get; } = vendorIdentification;
}
