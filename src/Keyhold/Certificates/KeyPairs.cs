namespace Keyhold.Certificates;

/// <summary>Key-pair comparison for ONTAP error 65536850 (client certificate replaced by one with different keys).</summary>
public static class KeyPairs
{
    /// <summary>True when both certificates carry the same public key, hence the same key pair.</summary>
    public static bool SameKeyPair(ParsedCertificate a, ParsedCertificate b) =>
        string.Equals(a.PublicKeyFingerprint, b.PublicKeyFingerprint, StringComparison.Ordinal);
}
