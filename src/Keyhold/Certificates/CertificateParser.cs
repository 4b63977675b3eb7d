using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>Validates a certificate being installed (POST with public_certificate) and derives its ONTAP fields.</summary>
public static class CertificateParser
{
    /// <summary>
    /// Parses and validates. Rules: exactly one certificate in <paramref name="publicCertificatePem"/>; client and
    /// server types need a matching private key, CA types must not have one; CA types are refused only when
    /// basicConstraints explicitly says CA:FALSE (old v1 roots have no extensions); the certificate and every
    /// intermediate must be valid at <paramref name="now"/>.
    /// </summary>
    /// <exception cref="CertificateValidationException">Any rule fails; the message is safe to show and log.</exception>
    public static ParsedCertificate Parse(
        CertificateType type,
        string publicCertificatePem,
        string? privateKeyPem,
        IReadOnlyList<string>? intermediates,
        DateTimeOffset now)
    {
        using var cert = X509Pem.LoadSingle(publicCertificatePem, "public certificate");
        var hashFunction = CertificateFacts.HashFunction(cert);
        var keySize = CertificateFacts.KeySize(cert);
        var basicConstraintsCa = CertificateFacts.BasicConstraintsCa(cert);
        ValidityCheck.Ensure(cert, now, "certificate", CertificateProblem.Expired, CertificateProblem.NotYetValid);
        if (type.IsCaType() && basicConstraintsCa == false)
        {
            throw new CertificateValidationException(CertificateProblem.NotACa,
                $"A {type.ToWire()} certificate must be a CA certificate, but its basicConstraints extension says CA:FALSE.");
        }

        var keyPem = ReadKey(type, cert, privateKeyPem);
        return new ParsedCertificate(
            CommonName: CertificateFacts.CommonName(cert.SubjectName),
            SerialNumber: CertificateFacts.SerialNumber(cert),
            Ca: CertificateFacts.Ca(cert),
            ExpiryTime: CertificateFacts.NotAfter(cert),
            HashFunction: hashFunction,
            KeySize: keySize,
            IsCa: basicConstraintsCa ?? false,
            PublicCertificatePem: X509Pem.ToPem(cert),
            PrivateKeyPkcs8Pem: keyPem,
            IntermediatePems: IntermediateReader.Read(intermediates, now),
            PublicKeyFingerprint: CertificateFacts.PublicKeyFingerprint(cert));
    }

    private static string? ReadKey(CertificateType type, X509Certificate2 cert, string? privateKeyPem)
    {
        var hasKey = !string.IsNullOrWhiteSpace(privateKeyPem);
        if (type.IsCaType())
        {
            return hasKey
                ? throw new CertificateValidationException(CertificateProblem.PrivateKeyNotAllowed,
                    $"A private key must not be provided for a {type.ToWire()} certificate.")
                : null;
        }

        if (!hasKey)
        {
            throw new CertificateValidationException(CertificateProblem.PrivateKeyRequired,
                $"A private key is required to install a {type.ToWire()} certificate.");
        }

        using var key = PrivateKeyReader.Read(privateKeyPem!);
        KeyMatcher.EnsureMatches(cert, key);
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
