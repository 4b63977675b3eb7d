namespace Keyhold.Kmip.Server;

/// <summary>
/// One answered batch item. <paramref name="Payload"/> holds the ResponsePayload's encoded children (null: no payload).
/// </summary>
public sealed record KmipResponseItem(
    uint? Operation,
    byte[]? BatchItemId,
    ResultStatus Status,
    ResultReason? Reason = null,
    string? Message = null,
    byte[]? Payload = null)
{
    public static KmipResponseItem Failed(KmipRequestItem? item, ResultReason reason, string message) =>
        new(item?.Operation, item?.BatchItemId, ResultStatus.OperationFailed, reason, message);
}
