namespace Keyhold.Certificates;

/// <summary>
/// A validated certificate with the fields ONTAP reports. PEMs are re-encoded by us, so stray text around the
/// caller's input is never stored. <see cref="PrivateKeyPkcs8Pem"/> is secret: wrap it before persisting.
/// </summary>
/// <param name="CommonName">Subject CN (falls back to the full subject name).</param>
/// <param name="SerialNumber">Uppercase hex without leading zero bytes, as ONTAP shows it.</param>
/// <param name="Ca">Issuer CN (falls back to the full issuer name), at most 256 characters.</param>
/// <param name="ExpiryTime">notAfter, in UTC.</param>
/// <param name="HashFunction">ONTAP hash_function: sha1, sha256, md5, sha224, sha384 or sha512.</param>
/// <param name="KeySize">RSA modulus bits or EC curve size.</param>
/// <param name="IsCa">basicConstraints CA flag.</param>
/// <param name="PublicCertificatePem">The certificate as a single normalised PEM block.</param>
/// <param name="PrivateKeyPkcs8Pem">The private key as unencrypted PKCS#8 PEM, or null for CA types.</param>
/// <param name="IntermediatePems">Intermediates, one normalised PEM per certificate.</param>
/// <param name="PublicKeyFingerprint">Lowercase hex SHA-256 of the SubjectPublicKeyInfo; equal fingerprints mean the same key pair.</param>
public sealed record ParsedCertificate(
    string CommonName,
    string SerialNumber,
    string Ca,
    DateTimeOffset ExpiryTime,
    string HashFunction,
    int KeySize,
    bool IsCa,
    string PublicCertificatePem,
    string? PrivateKeyPkcs8Pem,
    IReadOnlyList<string> IntermediatePems,
    string PublicKeyFingerprint)
{
    /// <summary>Keeps the key out of logs: records print every property by default.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("CommonName = ").Append(CommonName)
            .Append(", SerialNumber = ").Append(SerialNumber)
            .Append(", Ca = ").Append(Ca)
            .Append(", ExpiryTime = ").Append(ExpiryTime.ToString("O"))
            .Append(", HashFunction = ").Append(HashFunction)
            .Append(", KeySize = ").Append(KeySize)
            .Append(", IsCa = ").Append(IsCa)
            .Append(", HasPrivateKey = ").Append(PrivateKeyPkcs8Pem is not null)
            .Append(", Intermediates = ").Append(IntermediatePems.Count)
            .Append(", PublicKeyFingerprint = ").Append(PublicKeyFingerprint);
        return true;
    }
}
