using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// The key agreement behind <see cref="RootKeySeal"/>: P-256 points in uncompressed form and the HKDF-SHA256
/// step that turns an ECDH secret into a one-time AES-256 key for one node.
/// </summary>
internal static class SealKeyDerivation
{
    public const int PointLength = 65;

    private static readonly byte[] InfoLabel = Encoding.ASCII.GetBytes("keyhold/okm/root-key-seal/v1");

    public static void DeriveKey(ECDiffieHellman own, ECDiffieHellmanPublicKey other, ReadOnlySpan<byte> ephemeralPoint,
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

    public static byte[] Point(ECDiffieHellman key)
    {
        var point = new byte[PointLength];
        WritePoint(key, point);
        return point;
    }

    public static void WritePoint(ECDiffieHellman key, Span<byte> destination)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        destination[0] = 0x04;
        q.X.CopyTo(destination[1..]);
        q.Y.CopyTo(destination[33..]);
    }

    public static ECDiffieHellman ImportPoint(ReadOnlySpan<byte> point)
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
