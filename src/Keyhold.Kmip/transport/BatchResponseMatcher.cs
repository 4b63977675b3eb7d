namespace Keyhold.Kmip;

/// <summary>Pairs response batch items with the requests that produced them and decodes their payloads.</summary>
internal static class BatchResponseMatcher
{
    public static IReadOnlyList<KmipBatchItemResult> Match(IReadOnlyList<KmipOperationRequest> requests,
        ResponseMessage response, ProtocolVersion version)
    {
        // Servers answer a message they could not parse with one failed item for the whole message.
        if (requests.Count > 1 && response.Items is [{ Status: not ResultStatus.Success, Operation: null, UniqueBatchItemId: null } whole])
        {
            throw new KmipOperationException(whole.Operation, whole.Status, whole.Reason, whole.Message);
        }

        // Fewer items is legal: with BatchErrorContinuation Stop (the default) the server ends at the first failure.
        if (response.Items.Count > requests.Count
            || (response.Items.Count < requests.Count && response.Items.Any(i => i.UniqueBatchItemId is null)))
        {
            throw new KmipProtocolException($"Sent {requests.Count} batch items but received {response.Items.Count}.");
        }

        var results = new KmipBatchItemResult?[requests.Count];
        for (int position = 0; position < response.Items.Count; position++)
        {
            ResponseBatchItem item = response.Items[position];
            int index = requests.Count == 1 || item.UniqueBatchItemId is null
                ? position
                : RequestMessageEncoder.IndexOfBatchItemId(item.UniqueBatchItemId) ?? -1;
            if (index < 0 || index >= requests.Count || results[index] is not null)
            {
                throw new KmipProtocolException("Response batch item has an unknown or repeated UniqueBatchItemID.");
            }

            KmipOperationRequest request = requests[index];
            if (item.Operation is { } op && op != request.Operation)
            {
                throw new KmipProtocolException($"Response item for {request.Operation} is labelled {op}.");
            }

            KmipOperationResponse? payload = item.Status == ResultStatus.Success ? request.ReadPayload(item.Payload, version) : null;
            results[index] = new KmipBatchItemResult(request.Operation, item.Status, item.Reason, item.Message, payload);
        }

        for (int i = 0; i < results.Length; i++)
        {
            results[i] ??= KmipBatchItemResult.NotProcessed(requests[i].Operation);
        }

        return results!;
    }
}
