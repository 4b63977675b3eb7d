using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// How a passphrase becomes the key-encryption key. Stored next to the wrapped root key (and inside every
/// backup) so the count can be raised later without breaking older wraps.
/// </summary>
public sealed record KdfParameters(string Algorithm, int Iterations, byte[] Salt)
{
    public const string Pbkdf2Sha256 = "pbkdf2-hmac-sha256";

    /// <summary>OWASP's 2023+ figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Below this it is not a KDF; tests go as low as this to stay fast.</summary>
    public const int MinIterations = 1_000;

    /// <summary>A crafted backup must not be able to pin a CPU for hours.</summary>
    public const int MaxIterations = 50_000_000;

    public const int SaltLength = 32;
    public const int KekLength = 32;

    private const byte FormatVersion = 1;

    public static KdfParameters NewPbkdf2(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        return new KdfParameters(Pbkdf2Sha256, iterations, RandomNumberGenerator.GetBytes(SaltLength));
    }

    /// <summary>Derives the 256-bit passphrase KEK into <paramref name="kek"/>; the caller zeroes it.</summary>
    internal void DeriveKek(string passphrase, Span<byte> kek)
    {
        if (Algorithm != Pbkdf2Sha256)
            throw new CryptographicException("Unsupported key derivation algorithm.");
        // The char overload encodes to UTF-8 in a buffer it clears itself.
        Rfc2898DeriveBytes.Pbkdf2(passphrase.AsSpan(), Salt, kek, Iterations, HashAlgorithmName.SHA256);
    }

    /// <summary>Layout: version (1) | algorithm length (1) | algorithm ASCII | iterations (4, BE) | salt length (1) | salt.</summary>
    public byte[] ToBytes()
    {
        var alg = Encoding.ASCII.GetBytes(Algorithm);
        var bytes = new byte[1 + 1 + alg.Length + 4 + 1 + Salt.Length];
        bytes[0] = FormatVersion;
        bytes[1] = checked((byte)alg.Length);
        alg.CopyTo(bytes, 2);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(2 + alg.Length), Iterations);
        bytes[6 + alg.Length] = checked((byte)Salt.Length);
        Salt.CopyTo(bytes, 7 + alg.Length);
        return bytes;
    }

    public static KdfParameters FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2 || bytes[0] != FormatVersion)
            throw new FormatException("Unknown KDF parameter format.");
        int algLength = bytes[1];
        if (bytes.Length < 2 + algLength + 5)
            throw new FormatException("KDF parameters are truncated.");
        var algorithm = Encoding.ASCII.GetString(bytes.Slice(2, algLength));
        var iterations = BinaryPrimitives.ReadInt32BigEndian(bytes[(2 + algLength)..]);
        int saltLength = bytes[6 + algLength];
        if (bytes.Length != 7 + algLength + saltLength)
            throw new FormatException("KDF parameters have the wrong length.");
        if (algorithm != Pbkdf2Sha256)
            throw new FormatException("Unsupported key derivation algorithm.");
        if (iterations is < MinIterations or > MaxIterations || saltLength < 16)
            throw new FormatException("KDF parameters are out of range.");
        return new KdfParameters(algorithm, iterations, bytes.Slice(7 + algLength, saltLength).ToArray());
    }

    // Records compare arrays by reference; parameters read back from storage must equal the originals.
    public bool Equals(KdfParameters? other) =>
        other is not null && Algorithm == other.Algorithm && Iterations == other.Iterations
        && Salt.AsSpan().SequenceEqual(other.Salt);

    public override int GetHashCode() => HashCode.Combine(Algorithm, Iterations, Salt.Length);
}
