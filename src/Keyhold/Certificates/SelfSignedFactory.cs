using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>Creates self-signed RSA certificates for POST without public_certificate, as ONTAP does.</summary>
public static class SelfSignedFactory
{
    /// <summary>
    /// Creates a certificate valid from <paramref name="now"/> (whole seconds) for <paramref name="validity"/>.
    /// CA types get basicConstraints CA:TRUE and keyCertSign; client gets EKU clientAuth, server gets EKU
    /// serverAuth plus a subjectAltName for its common name. CA types still return their key: ONTAP's root_ca signs.
    /// </summary>
    /// <exception cref="CertificateValidationException"><see cref="CertificateProblem.BadParameter"/> for a refused key size, hash, validity or empty name.</exception>
    public static (string CertPem, string KeyPkcs8Pem) Create(
        CertificateType type, string commonName, int keySize, string hashFunction, TimeSpan validity, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(commonName))
            throw new CertificateValidationException(CertificateProblem.BadParameter, "common_name is required to create a certificate.");
        CreationParameters.EnsureKeySize(keySize);
        var hash = CreationParameters.HashAlgorithm(hashFunction);
        CreationParameters.EnsureExpiry(validity);

        using var rsa = RSA.Create(keySize);
        var request = new CertificateRequest(SubjectFor(commonName), rsa, hash, RSASignaturePadding.Pkcs1);
        SelfSignedExtensions.Add(request, type, commonName);

        // X.509 times have whole-second precision; truncating keeps notBefore <= now for an immediate re-parse.
        var notBefore = now.ToUniversalTime().AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
        using var cert = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            notBefore, notBefore + validity, NewSerial());
        return (X509Pem.ToPem(cert), rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }

    private static X500DistinguishedName SubjectFor(string commonName)
    {
        // The builder escapes commas and plus signs that a "CN=" string concatenation would misparse.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static byte[] NewSerial()
    {
        // 16 random bytes with the top bit clear and a non-zero first byte: positive, and always 32 hex digits.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10);
        return serial;
    }
}
