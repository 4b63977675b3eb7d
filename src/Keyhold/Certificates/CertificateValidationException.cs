namespace Keyhold.Certificates;

/// <summary>
/// A certificate was refused. <see cref="Exception.Message"/> is meant for operators and never contains key material.
/// </summary>
public sealed class CertificateValidationException : Exception
{
    public CertificateValidationException(CertificateProblem problem, string message)
        : base(message) => Problem = problem;

    public CertificateValidationException(CertificateProblem problem, string message, Exception innerException)
        : base(message, innerException) => Problem = problem;

    /// <summary>Parameterless form kept for serializers and analyzers; prefer the problem-carrying constructors.</summary>
    public CertificateValidationException()
        : this(CertificateProblem.BadPem, "The certificate is not valid.")
    {
    }

    public CertificateValidationException(string message)
        : this(CertificateProblem.BadPem, message)
    {
    }

    public CertificateValidationException(string message, Exception innerException)
        : this(CertificateProblem.BadPem, message, innerException)
    {
    }

    /// <summary>The machine-readable reason.</summary>
    public CertificateProblem Problem { get; }
}
