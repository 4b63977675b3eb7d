namespace Keyhold.Certificates;

/// <summary>Maps X.509 signature algorithm OIDs to ONTAP's hash_function names.</summary>
internal static class SignatureAlgorithms
{
    private static readonly Dictionary<string, string> HashByOid = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.4"] = "md5", // md5WithRSAEncryption
        ["1.2.840.113549.1.1.5"] = "sha1", // sha1WithRSAEncryption
        ["1.3.14.3.2.29"] = "sha1", // legacy OIW sha1WithRSASignature
        ["1.2.840.113549.1.1.14"] = "sha224",
        ["1.2.840.113549.1.1.11"] = "sha256",
        ["1.2.840.113549.1.1.12"] = "sha384",
        ["1.2.840.113549.1.1.13"] = "sha512",
        ["1.2.840.10045.4.1"] = "sha1", // ecdsa-with-SHA1
        ["1.2.840.10045.4.3.1"] = "sha224",
        ["1.2.840.10045.4.3.2"] = "sha256",
        ["1.2.840.10045.4.3.3"] = "sha384",
        ["1.2.840.10045.4.3.4"] = "sha512",
    };

    /// <summary>The ONTAP hash_function for <paramref name="oid"/>, or null when ONTAP has no name for it (e.g. RSA-PSS, EdDSA).</summary>
    public static string? HashFunction(string? oid) =>
        oid is not null && HashByOid.TryGetValue(oid, out var name) ? name : null;
}
