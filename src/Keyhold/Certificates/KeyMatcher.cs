using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>Checks that a private key belongs to a certificate.</summary>
internal static class KeyMatcher
{
    /// <summary>Throws <see cref="CertificateProblem.KeyMismatch"/> unless <paramref name="key"/> is the certificate's key.</summary>
    public static void EnsureMatches(X509Certificate2 cert, AsymmetricAlgorithm key)
    {
        // Comparing key parameters (not SPKI bytes) tolerates harmless encoding differences such as explicit EC curves.
        var matches = key switch
        {
            RSA rsa => RsaMatches(cert, rsa),
            ECDsa ec => EcMatches(cert, ec),
            _ => false,
        };
        if (!matches)
        {
            throw new CertificateValidationException(CertificateProblem.KeyMismatch,
                "The private key does not match the public key in the certificate.");
        }
    }

    private static bool RsaMatches(X509Certificate2 cert, RSA key)
    {
        using var pub = cert.GetRSAPublicKey();
        if (pub is null)
            return false;
        var a = pub.ExportParameters(false);
        var b = key.ExportParameters(false);
        return a.Modulus.AsSpan().SequenceEqual(b.Modulus) && a.Exponent.AsSpan().SequenceEqual(b.Exponent);
    }

    private static bool EcMatches(X509Certificate2 cert, ECDsa key)
    {
        using var pub = cert.GetECDsaPublicKey();
        if (pub is null || pub.KeySize != key.KeySize)
            return false;
        var a = pub.ExportParameters(false).Q;
        var b = key.ExportParameters(false).Q;
        return a.X.AsSpan().SequenceEqual(b.X) && a.Y.AsSpan().SequenceEqual(b.Y);
    }
}
