namespace Keyhold.Certificates;

/// <summary>An installed certificate as the store keeps it; the private key only ever wrapped.</summary>
public sealed record StoredCertificate(
    Guid Uuid, string Name, Guid? SvmUuid, string? SvmName, CertificateType Type, string CommonName, string SerialNumber, string Ca,
    DateTimeOffset ExpiryTime, string HashFunction, int KeySize, string PublicCertificate, IReadOnlyList<string> Intermediates,
    byte[]? WrappedPrivateKey, string KeyFingerprint)
{
    /// <summary>Purpose bound into the wrap of a certificate's private key.</summary>
    public const string PrivateKeyPurpose = "certificate-private-key";

    public string Scope => SvmUuid is null ? "cluster" : "svm";
}
