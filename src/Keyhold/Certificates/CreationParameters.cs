using System.Security.Cryptography;

namespace Keyhold.Certificates;

/// <summary>ONTAP's POST rules for key_size, hash_function and expiry_time, shared by self-signing and the REST layer.</summary>
public static class CreationParameters
{
    /// <summary>ONTAP's default key_size.</summary>
    public const int DefaultKeySize = 2048;

    /// <summary>ONTAP's default hash_function.</summary>
    public const string DefaultHashFunction = "sha256";

    /// <summary>key_size values ONTAP accepts on POST (512 is listed by ONTAP but refused on POST).</summary>
    public static IReadOnlyList<int> AllowedKeySizes { get; } = [1024, 1536, 2048, 3072];

    /// <summary>
    /// hash_function values accepted on POST. ONTAP refuses md5 and sha1; sha224 is also refused here because
    /// .NET has no SHA-224 implementation to sign with.
    /// </summary>
    public static IReadOnlyList<string> AllowedHashFunctions { get; } = ["sha256", "sha384", "sha512"];

    /// <summary>Throws <see cref="CertificateProblem.BadParameter"/> unless ONTAP would accept <paramref name="keySize"/> on POST.</summary>
    public static void EnsureKeySize(int keySize)
    {
        if (keySize == 512)
            throw Bad("key_size 512 is not allowed; use 1024, 1536, 2048 or 3072.");
        if (!AllowedKeySizes.Contains(keySize))
            throw Bad($"key_size {keySize} is not supported; use 1024, 1536, 2048 or 3072.");
    }

    /// <summary>The signing hash for an ONTAP hash_function name, refusing the ones POST does not allow.</summary>
    public static HashAlgorithmName HashAlgorithm(string hashFunction) => hashFunction switch
    {
        "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        "md5" or "sha1" => throw Bad($"hash_function {hashFunction} is not allowed; use sha256, sha384 or sha512."),
        "sha224" => throw Bad("hash_function sha224 is not supported by this service; use sha256, sha384 or sha512."),
        _ => throw Bad($"hash_function '{hashFunction}' is not recognised; use sha256, sha384 or sha512."),
    };

    /// <summary>Throws <see cref="CertificateProblem.BadParameter"/> unless the validity is 1 day to 10 years.</summary>
    public static void EnsureExpiry(TimeSpan validity)
    {
        if (!IsoDuration.IsValidExpiry(validity))
            throw Bad("expiry_time must be between 1 day (P1D) and 10 years (P3650D).");
    }

    private static CertificateValidationException Bad(string message) => new(CertificateProblem.BadParameter, message);
}
