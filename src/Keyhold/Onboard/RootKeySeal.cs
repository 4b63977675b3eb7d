using System.Security.Cryptography;

namespace Keyhold.Onboard;

/// <summary>
/// Seals the root key to one node's P-256 public key (ECIES-style): a fresh ephemeral key pair, ECDH with
/// the node key, HKDF-SHA256 (salt = ephemeral point | node point, info = label | 0 | node UUID), AES-256-GCM.
/// Blob: version (1) | ephemeral point, uncompressed (65) | nonce (12) | sealed root key (32) | tag (16).
/// </summary>
internal static class RootKeySeal
{
    internal const byte Version = 1;
    internal const int PointLength = SealKeyDerivation.PointLength;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + PointLength;
    internal const int BlobLength = HeaderLength + NonceLength + RootKey.Length + TagLength;

    public static byte[] Seal(RootKey root, ECDiffieHellman recipient, string nodeUuid)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(nodeUuid);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var blob = new byte[BlobLength];
        blob[0] = Version;
        SealKeyDerivation.WritePoint(ephemeral, blob.AsSpan(1, PointLength));
        var nonce = blob.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);

        Span<byte> key = stackalloc byte[32];
        try
        {
            SealKeyDerivation.DeriveKey(ephemeral, recipient.PublicKey, blob.AsSpan(1, PointLength), SealKeyDerivation.Point(recipient), nodeUuid, key);
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
        using var ephemeral = SealKeyDerivation.ImportPoint(ephemeralPoint);

        Span<byte> key = stackalloc byte[32];
        Span<byte> material = stackalloc byte[RootKey.Length];
        try
        {
            SealKeyDerivation.DeriveKey(nodeKey, ephemeral.PublicKey, ephemeralPoint, SealKeyDerivation.Point(nodeKey), nodeUuid, key);
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
}
