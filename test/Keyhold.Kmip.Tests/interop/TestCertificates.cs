using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Kmip.Tests;

/// <summary>Certificates minted in-test to provoke trust failures.</summary>
internal static class TestCertificates
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public static X509Certificate2 CreateCa(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Keyhold Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Reimport(ca);
    }

    public static X509Certificate2 IssueClient(X509Certificate2 issuer, string commonName, bool clientAuthUsage = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Keyhold Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        if (clientAuthUsage)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuth], false));
        }

        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 cert = request.Create(issuer, issuer.NotBefore, DateTimeOffset.UtcNow.AddDays(30), serial);
        using X509Certificate2 withKey = cert.CopyWithPrivateKey(key);
        return Reimport(withKey);
    }

    /// <summary>Round-trip through PKCS#12: SslStream on Linux needs a key it can export into OpenSSL.</summary>
    private static X509Certificate2 Reimport(X509Certificate2 cert) =>
        X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}
