using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>notBefore/notAfter checks against a caller-supplied clock, so tests and replays are deterministic.</summary>
internal static class ValidityCheck
{
    public static void Ensure(X509Certificate2 cert, DateTimeOffset now, string what, CertificateProblem expired, CertificateProblem notYetValid)
    {
        var notAfter = CertificateFacts.NotAfter(cert);
        if (now > notAfter)
            throw new CertificateValidationException(expired, $"The {what} '{cert.Subject}' expired at {Format(notAfter)}.");

        var notBefore = CertificateFacts.NotBefore(cert);
        if (now < notBefore)
            throw new CertificateValidationException(notYetValid, $"The {what} '{cert.Subject}' is not valid until {Format(notBefore)}.");
    }

    private static string Format(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
