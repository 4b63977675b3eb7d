using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>One response batch item before its payload is interpreted.</summary>
internal sealed record ResponseBatchItem(
    KmipOperation? Operation,
    byte[]? UniqueBatchItemId,
    ResultStatus Status,
    ResultReason? Reason,
    string? Message,
    TtlvElement? Payload)
{
    public static ResponseBatchItem Read(TtlvElement item)
    {
        item.ExpectStructure();
        TtlvElement? payload = item.Find(KmipTag.ResponsePayload);
        payload?.ExpectStructure();
        return new ResponseBatchItem(
            (KmipOperation?)item.Find(KmipTag.Operation)?.GetEnumeration(),
            item.Find(KmipTag.UniqueBatchItemId)?.GetBytes(),
            (ResultStatus)item.Required(KmipTag.ResultStatus).GetEnumeration(),
            (ResultReason?)item.Find(KmipTag.ResultReason)?.GetEnumeration(),
            item.Find(KmipTag.ResultMessage)?.GetText(),
            payload);
    }
}
