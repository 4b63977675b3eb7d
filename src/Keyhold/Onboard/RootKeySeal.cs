using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// Seals the root key to one node's P-256 public key (ECIES-style): a fresh ephemeral key pair, ECDH with
/// the node key, HKDF-SHA256 (salt = ephemeral point | node point, info = label | 0 | node UUID), AES-256-GCM.
/// Blob: version (1) | ephemeral point, uncompressed (65) | nonce (12) | sealed root key (32) | tag (16).
/// </summary>
internal static class RootKeySeal
{
    internal const byte Version = 1;
    internal const int PointLength = 65;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + PointLength;
    internal const int BlobLength = HeaderLength + NonceLength + RootKey.Length + TagLength;

    private static readonly byte[] InfoLabel = Encoding.ASCII.GetBytes("keyhold/okm/root-key-seal/v1");

    public static byte[] Seal(RootKey root, ECDiffieHellman recipient, string nodeUuid)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(nodeUuid);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var blob = new byte[BlobLength];
        blob[0] = Version;
        WritePoint(ephemeral, blob.AsSpan(1, PointLength));
        var nonce = blob.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);

        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveKey(ephemeral, recipient.PublicKey, blob.AsSpan(1, PointLength), Point(recipient), nodeUuid, key);
            using var gcm = new AesGcm(key, TagLength);
            gcm.Encrypt(nonce, root.Material, blob.AsSpan(HeaderLength + NonceLength, RootKey.Length),
                blob.AsSpan(^TagLength), blob.AsSpan(0, HeaderLength));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return blob;
    }

    public static RootKey Unseal(ECDiffieHellman nodeKey, ReadOnlySpan<byte> blob, string nodeUuid)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeUuid);
        if (blob.Length != BlobLength || blob[0] != Version)
            throw new CryptographicException("The sealed root key is malformed.");
        var ephemeralPoint = blob.Slice(1, PointLength);
        using var ephemeral = ImportPoint(ephemeralPoint);

        Span<byte> key = stackalloc byte[32];
        Span<byte> material = stackalloc byte[RootKey.Length];
        try
        {
            DeriveKey(nodeKey, ephemeral.PublicKey, ephemeralPoint, Point(nodeKey), nodeUuid, key);
            using var gcm = new AesGcm(key, TagLength);
            gcm.Decrypt(blob.Slice(HeaderLength, NonceLength), blob.Slice(HeaderLength + NonceLength, RootKey.Length),
                blob[^TagLength..], material, blob[..HeaderLength]);
            return RootKey.FromBytes(material);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CryptographicException("The sealed root key was not sealed for this node key and node UUID.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private static void DeriveKey(ECDiffieHellman own, ECDiffieHellmanPublicKey other, ReadOnlySpan<byte> ephemeralPoint,
        ReadOnlySpan<byte> recipientPoint, string nodeUuid, Span<byte> key)
    {
        var shared = own.DeriveRawSecretAgreement(other);
        try
        {
            // Salt binds both public keys; info binds the purpose and the node the copy is for.
            var salt = new byte[PointLength * 2];
            ephemeralPoint.CopyTo(salt);
            recipientPoint.CopyTo(salt.AsSpan(PointLength));
            var info = new byte[InfoLabel.Length + 1 + Encoding.UTF8.GetByteCount(nodeUuid)];
            InfoLabel.CopyTo(info, 0);
            Encoding.UTF8.GetBytes(nodeUuid, info.AsSpan(InfoLabel.Length + 1));
            HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, key, salt, info);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    internal static byte[] Point(ECDiffieHellman key)
    {
        var point = new byte[PointLength];
        WritePoint(key, point);
        return point;
    }

    private static void WritePoint(ECDiffieHellman key, Span<byte> destination)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        destination[0] = 0x04;
        q.X.CopyTo(destination[1..]);
        q.Y.CopyTo(destination[33..]);
    }

    private static ECDiffieHellman ImportPoint(ReadOnlySpan<byte> point)
    {
        if (point[0] != 0x04)
            throw new CryptographicException("The sealed root key is malformed.");
        // Import validates that the point lies on the curve, which rules out invalid-curve attacks.
        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point.Slice(1, 32).ToArray(), Y = point.Slice(33, 32).ToArray() },
        });
    }
}
