using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// Data keys (VEK, NSE-AK, SVM-KEK) wrapped under the root key with AES-256-GCM.
/// Wrapped layout: version (1) | nonce (12) | ciphertext (key length) | tag (16).
/// The key ID and key type are bound as associated data, so a wrapped key cannot be moved to another ID.
/// </summary>
public sealed partial class RootKey
{
    private const byte DataKeyVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int Overhead = 1 + NonceLength + TagLength;

    /// <summary>Largest data key accepted: ONTAP keys are 32 or 64 bytes; KMIP objects (a whole encoded object) may be larger.</summary>
    public const int MaxDataKeyLength = 16 * 1024;

    private static readonly byte[] DataKeyLabel = Encoding.ASCII.GetBytes("keyhold/okm/data-key/v1");

    public byte[] WrapDataKey(string keyId, string keyType, ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty || key.Length > MaxDataKeyLength)
            throw new ArgumentException($"A data key is 1 to {MaxDataKeyLength} bytes.", nameof(key));
        var aad = DataKeyAad(keyId, keyType);
        var wrapped = new byte[Overhead + key.Length];
        wrapped[0] = DataKeyVersion;
        var nonce = wrapped.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(Material, TagLength);
        gcm.Encrypt(nonce, key, wrapped.AsSpan(1 + NonceLength, key.Length), wrapped.AsSpan(^TagLength), aad);
        return wrapped;
    }

    /// <summary>Returns the plaintext key, which the caller zeroes. Tampering or a wrong ID/type throws <see cref="CryptographicException"/>.</summary>
    public byte[] UnwrapDataKey(string keyId, string keyType, ReadOnlySpan<byte> wrapped)
    {
        if (wrapped.Length <= Overhead || wrapped.Length > Overhead + MaxDataKeyLength || wrapped[0] != DataKeyVersion)
            throw new CryptographicException("The wrapped data key is malformed.");
        var aad = DataKeyAad(keyId, keyType);
        // Pinned so the GC never copies plaintext key material around the heap.
        var key = GC.AllocateArray<byte>(wrapped.Length - Overhead, pinned: true);
        using var gcm = new AesGcm(Material, TagLength);
        try
        {
            gcm.Decrypt(wrapped.Slice(1, NonceLength), wrapped[(1 + NonceLength)..^TagLength], wrapped[^TagLength..], key, aad);
        }
        catch (AuthenticationTagMismatchException e)
        {
            // Decrypt already cleared the output; say what failed without naming the key.
            throw new CryptographicException("The wrapped data key does not belong to this root key, key ID and key type.", e);
        }
        return key;
    }

    /// <summary>label | len(id) (2, BE) | id UTF-8 | len(type) (2, BE) | type UTF-8 — length-prefixed so no two pairs collide.</summary>
    private static byte[] DataKeyAad(string keyId, string keyType)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(keyType);
        var id = Encoding.UTF8.GetBytes(keyId);
        var type = Encoding.UTF8.GetBytes(keyType);
        if (id.Length > ushort.MaxValue || type.Length > ushort.MaxValue)
            throw new ArgumentException("Key ID or key type is too long.");
        var aad = new byte[DataKeyLabel.Length + 2 + id.Length + 2 + type.Length];
        var span = aad.AsSpan();
        DataKeyLabel.CopyTo(span);
        span = span[DataKeyLabel.Length..];
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)id.Length);
        id.CopyTo(span[2..]);
        span = span[(2 + id.Length)..];
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)type.Length);
        type.CopyTo(span[2..]);
        return aad;
    }
}
