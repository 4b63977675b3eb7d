using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Hosting;

/// <summary>
/// The HTTPS certificate: generated at first start (self-signed, ECDSA P-256, for localhost and
/// 127.0.0.1) and kept in the data folder with the key readable by the owner only.
/// </summary>
public static class TlsCertificate
{
    public static X509Certificate2 LoadOrCreate(string dataDir)
    {
        var certPath = Path.Combine(dataDir, "tls.crt");
        var keyPath = Path.Combine(dataDir, "tls.key");
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=keyhold", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddDnsName(Dns.GetHostName());
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            SecretFile.Write(keyPath, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(certPath, cert.ExportCertificatePem());
        }
        using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        // Kestrel on Linux needs a key it can use after the PEM objects go: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
