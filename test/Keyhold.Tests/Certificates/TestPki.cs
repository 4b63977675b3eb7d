using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Tests.Certificates;

/// <summary>Generates certificate material in-test so no fixture files are needed.</summary>
internal static class TestPki
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static X509Certificate2 Ca(string cn = "Test Root CA", RSA? key = null)
    {
        key ??= RSA.Create(2048);
        var req = new CertificateRequest($"CN={cn}, O=Keyhold Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return req.CreateSelfSigned(Now.AddDays(-30), Now.AddYears(5));
    }

    public static CertificateRequest RsaRequest(string cn, RSA key, HashAlgorithmName? hash = null) =>
        new($"CN={cn}", key, hash ?? HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static CertificateRequest EcRequest(string cn, ECDsa key) => new($"CN={cn}", key, HashAlgorithmName.SHA256);

    /// <summary>A leaf signed by <paramref name="issuer"/> (which must hold its private key).</summary>
    public static X509Certificate2 Leaf(CertificateRequest req, X509Certificate2 issuer, byte[] serial,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool isCa = false)
    {
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        // An explicit generator lets an EC leaf be signed by an RSA issuer.
        var generator = issuer.GetRSAPrivateKey() is { } rsa
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : X509SignatureGenerator.CreateForECDsa(issuer.GetECDsaPrivateKey()!);
        return req.Create(issuer.SubjectName, generator, notBefore ?? Now.AddDays(-1), notAfter ?? Now.AddDays(90), serial);
    }

    public static string Pem(X509Certificate2 cert) => cert.ExportCertificatePem() + "\n";

    /// <summary>The base64 body of a PEM, for asserting that no message ever quotes it.</summary>
    public static string Base64Body(string pem) =>
        string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))).Trim();
}
