namespace Keyhold.Kmip;

/// <summary>
/// The server answered with a failed result. AuthenticationNotSuccessful is reported with
/// <see cref="KmipErrorKind.ClientCertificateRejected"/>, because servers such as PyKMIP accept the TLS
/// handshake and only then refuse the certificate's identity.
/// </summary>
public sealed class KmipOperationException : KmipException
{
    public KmipOperationException()
        : this("KMIP operation failed.")
    {
    }

    public KmipOperationException(string message)
        : base(KmipErrorKind.Operation, message)
    {
    }

    public KmipOperationException(string message, Exception innerException)
        : base(KmipErrorKind.Operation, message, innerException)
    {
    }

    public KmipOperationException(KmipOperation? operation, ResultStatus status, ResultReason? reason, string? resultMessage)
        : base(KindFor(reason), Describe(operation, status, reason, resultMessage))
    {
        Operation = operation;
        Status = status;
        Reason = reason;
        ResultMessage = resultMessage;
    }

    public KmipOperation? Operation { get; }

    public ResultStatus Status { get; }

    public ResultReason? Reason { get; }

    /// <summary>The server's ResultMessage text, verbatim.</summary>
    public string? ResultMessage { get; }

    private static KmipErrorKind KindFor(ResultReason? reason) =>
        reason == ResultReason.AuthenticationNotSuccessful ? KmipErrorKind.ClientCertificateRejected : KmipErrorKind.Operation;

    private static string Describe(KmipOperation? operation, ResultStatus status, ResultReason? reason, string? message)
    {
        string op = operation?.ToString() ?? "Request";
        string why = reason?.ToString() ?? "no reason given";
        return message is null ? $"{op} {status}: {why}." : $"{op} {status}: {why}: {message}";
    }
}
