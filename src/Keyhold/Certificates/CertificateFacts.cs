using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>Derives the ONTAP-visible fields of a certificate.</summary>
internal static class CertificateFacts
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string CommonNameOid = "2.5.4.3";
    private const int MaxCaLength = 256; // ONTAP's declared maximum for `ca`

    /// <summary>Uppercase hex without leading zero bytes: DER adds a 00 byte to keep high-bit serials positive.</summary>
    public static string SerialNumber(X509Certificate2 cert)
    {
        var bytes = cert.SerialNumberBytes.Span; // big-endian
        var skip = 0;
        while (skip < bytes.Length - 1 && bytes[skip] == 0)
            skip++;
        return Convert.ToHexString(bytes[skip..]);
    }

    public static string CommonName(X500DistinguishedName name) => FindCommonName(name) ?? name.Name;

    public static string Ca(X509Certificate2 cert)
    {
        var ca = CommonName(cert.IssuerName);
        return ca.Length <= MaxCaLength ? ca : ca[..MaxCaLength];
    }

    /// <summary>RSA modulus bits or EC curve bits; ONTAP's key_size.</summary>
    public static int KeySize(X509Certificate2 cert)
    {
        switch (cert.PublicKey.Oid.Value)
        {
            case RsaOid:
                using (var rsa = cert.GetRSAPublicKey()!)
                    return rsa.KeySize;
            case EcOid:
                using (var ec = cert.GetECDsaPublicKey()!)
                    return ec.KeySize;
            default:
                throw Unsupported($"public key algorithm {Describe(cert.PublicKey.Oid)}");
        }
    }

    public static string HashFunction(X509Certificate2 cert) =>
        SignatureAlgorithms.HashFunction(cert.SignatureAlgorithm.Value)
        ?? throw Unsupported($"signature algorithm {Describe(cert.SignatureAlgorithm)}");

    /// <summary>Absent basicConstraints means "not a CA" per RFC 5280.</summary>
    public static bool? BasicConstraintsCa(X509Certificate2 cert) =>
        cert.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority;

    public static string PublicKeyFingerprint(X509Certificate2 cert) =>
        Convert.ToHexStringLower(SHA256.HashData(cert.PublicKey.ExportSubjectPublicKeyInfo()));

    public static DateTimeOffset NotBefore(X509Certificate2 cert) => new(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public static DateTimeOffset NotAfter(X509Certificate2 cert) => new(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    private static string? FindCommonName(X500DistinguishedName name)
    {
        // Last CN wins: DNs are stored root-first, so the last CN is the most specific, as openssl prints it.
        string? cn = null;
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
                cn = rdn.GetSingleElementValue() ?? cn;
        }

        return string.IsNullOrEmpty(cn) ? null : cn;
    }

    private static string Describe(Oid oid) => oid.FriendlyName is { Length: > 0 } f ? $"{f} ({oid.Value})" : oid.Value ?? "(unknown)";

    private static CertificateValidationException Unsupported(string what) => new(CertificateProblem.UnsupportedAlgorithm,
        $"The certificate uses an unsupported {what}; only RSA or ECDSA keys signed with MD5, SHA-1 or SHA-2 are supported.");
}
