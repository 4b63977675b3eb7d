namespace Keyhold.Kmip;

public enum ResultStatus
{
    Success = 0,
    OperationFailed = 1,
    OperationPending = 2,
    OperationUndone = 3,
}
