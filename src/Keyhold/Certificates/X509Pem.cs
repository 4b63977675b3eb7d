using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>Loads CERTIFICATE PEM blocks into <see cref="X509Certificate2"/> with operator-friendly failures.</summary>
internal static class X509Pem
{
    public const string CertificateLabel = "CERTIFICATE";

    /// <summary>All certificates in <paramref name="pem"/>; throws <paramref name="problem"/> if there are none or one is corrupt.</summary>
    public static List<X509Certificate2> LoadAll(string? pem, CertificateProblem problem, string what)
    {
        var blocks = PemBlock.FindAll(pem).Where(b => b.Label == CertificateLabel).ToList();
        if (blocks.Count == 0)
        {
            throw new CertificateValidationException(problem,
                $"The {what} is not a PEM certificate: expected a '-----BEGIN CERTIFICATE-----' block.");
        }

        var certs = new List<X509Certificate2>(blocks.Count);
        foreach (var block in blocks)
        {
            try
            {
                certs.Add(X509CertificateLoader.LoadCertificate(block.Der));
            }
            catch (CryptographicException ex)
            {
                certs.ForEach(c => c.Dispose());
                throw new CertificateValidationException(problem,
                    $"The {what} contains a PEM block that is not a valid X.509 certificate.", ex);
            }
        }

        return certs;
    }

    /// <summary>Exactly one certificate; more is refused rather than guessing which is the leaf.</summary>
    public static X509Certificate2 LoadSingle(string? pem, string what)
    {
        var certs = LoadAll(pem, CertificateProblem.BadPem, what);
        if (certs.Count == 1)
            return certs[0];

        certs.ForEach(c => c.Dispose());
        throw new CertificateValidationException(CertificateProblem.MultipleCertificates,
            $"The {what} field holds {certs.Count} certificates; provide exactly one and put any chain certificates in intermediate_certificates.");
    }

    /// <summary>The certificate re-encoded as one canonical PEM block.</summary>
    public static string ToPem(X509Certificate2 cert) => cert.ExportCertificatePem() + "\n";
}
