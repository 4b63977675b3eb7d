namespace Keyhold.Kmip;

/// <summary>The outcome of one batch item: a typed response on success, the server's result otherwise.</summary>
public sealed class KmipBatchItemResult
{
    internal KmipBatchItemResult(KmipOperation operation, ResultStatus status, ResultReason? reason, string? message,
        KmipOperationResponse? response, bool processed = true)
    {
        Processed = processed;
        Operation = operation;
        Status = status;
        Reason = reason;
        Message = message;
        Response = response;
    }

    public KmipOperation Operation { get; }

    public ResultStatus Status { get; }

    public ResultReason? Reason { get; }

    public string? Message { get; }

    /// <summary>Set only when <see cref="IsSuccess"/>.</summary>
    public KmipOperationResponse? Response { get; }

    public bool IsSuccess => Processed && Status == ResultStatus.Success;

    /// <summary>False when the server stopped at an earlier failed item and never ran this one.</summary>
    public bool Processed { get; }

    /// <summary>Returns the typed response, or throws <see cref="KmipOperationException"/> for a failed item.</summary>
    public T GetResponse<T>()
        where T : KmipOperationResponse
    {
        if (!IsSuccess)
        {
            throw ToException();
        }

        return Response as T
            ?? throw new InvalidOperationException($"{Operation} produced {Response?.GetType().Name}, not {typeof(T).Name}.");
    }

    public KmipOperationException ToException() => new(Operation, Status, Reason, Message);

    public override string ToString() =>
        IsSuccess ? $"{Operation}: Success" : Processed ? $"{Operation}: {Status} {Reason}" : $"{Operation}: not processed";

    internal static KmipBatchItemResult NotProcessed(KmipOperation operation) =>
        new(operation, ResultStatus.OperationFailed, null,
            "Not processed: the server stopped the batch at an earlier failed item.", null, processed: false);
}
