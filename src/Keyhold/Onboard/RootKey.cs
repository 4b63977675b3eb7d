using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// The cluster root key: 32 random bytes in a pinned buffer (so the GC never leaves copies behind),
/// zeroed on dispose. It wraps every data key; see RootKey.DataKeys.cs.
/// </summary>
public sealed partial class RootKey : IDisposable
{
    public const int Length = 32;

    private static readonly byte[] FingerprintLabel = Encoding.ASCII.GetBytes("keyhold/okm/root-key-fingerprint/v1");

    private readonly byte[] _key = GC.AllocateUninitializedArray<byte>(Length, pinned: true);
    private bool _disposed;

    private RootKey()
    {
    }

    public static RootKey Generate()
    {
        var root = new RootKey();
        RandomNumberGenerator.Fill(root._key);
        return root;
    }

    /// <summary>Copies <paramref name="material"/>; the caller still zeroes its own buffer.</summary>
    internal static RootKey FromBytes(ReadOnlySpan<byte> material)
    {
        if (material.Length != Length)
            throw new CryptographicException("A root key is 32 bytes.");
        var root = new RootKey();
        material.CopyTo(root._key);
        return root;
    }

    /// <summary>
    /// 16 hex characters identifying the key without revealing it: HMAC-SHA256 keyed by the root key over a
    /// fixed label, truncated. Equal fingerprints mean the same root key (e.g. after a passphrase change).
    /// </summary>
    public string Fingerprint
    {
        get
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(Material, FingerprintLabel, mac);
            return Convert.ToHexStringLower(mac[..8]);
        }
    }

    /// <summary>The raw key, for wrapping and sealing inside this module only.</summary>
    internal ReadOnlySpan<byte> Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }
}
