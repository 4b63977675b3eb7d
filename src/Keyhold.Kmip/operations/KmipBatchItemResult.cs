namespace Keyhold.Kmip;

/// <summary>The outcome of one batch item: a typed response on success, the server's result otherwise.</summary>
public sealed class KmipBatchItemResult
{
    internal KmipBatchItemResult(KmipOperation operation, ResultStatus status, ResultReason? reason, string? message,
        KmipOperationResponse? response)
    {
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

    public bool IsSuccess => Status == ResultStatus.Success;

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

    public override string ToString() => IsSuccess ? $"{Operation}: Success" : $"{Operation}: {Status} {Reason}";
}
