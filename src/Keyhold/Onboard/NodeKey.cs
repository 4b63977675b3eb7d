using System.Security.Cryptography;

namespace Keyhold.Onboard;

/// <summary>
/// A node's own P-256 key pair. The root key is sealed to it so the node can restart without the passphrase;
/// any node can seal for another given only that node's public key.
/// </summary>
public sealed class NodeKey : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly ECDiffieHellman _key;

    private NodeKey(ECDiffieHellman key)
    {
        _key = key;
        PublicKey = key.ExportSubjectPublicKeyInfo();
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>SubjectPublicKeyInfo DER, the form other nodes pass to <see cref="Seal(RootKey, byte[], string)"/>.</summary>
    public byte[] PublicKey { get; }

    public string PublicKeyPem { get; }

    /// <summary>A key pair in memory only (tests, tools); services use <see cref="LoadOrCreate"/>.</summary>
    public static NodeKey Generate() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads the PKCS#8 PEM at <paramref name="path"/>, or creates it with mode 0600.</summary>
    public static NodeKey LoadOrCreate(string path) => new(NodeKeyFile.LoadOrCreate(path));

    public byte[] Seal(RootKey root, string nodeUuid) => RootKeySeal.Seal(root, _key, nodeUuid);

    /// <summary>Seals for another node. Throws <see cref="CryptographicException"/> unless the key is P-256.</summary>
    public static byte[] Seal(RootKey root, byte[] nodePublicKey, string nodeUuid)
    {
        ArgumentNullException.ThrowIfNull(nodePublicKey);
        using var recipient = ECDiffieHellman.Create();
        recipient.ImportSubjectPublicKeyInfo(nodePublicKey, out var read);
        if (read != nodePublicKey.Length)
            throw new CryptographicException("The node public key has trailing data.");
        RequireP256(recipient);
        return RootKeySeal.Seal(root, recipient, nodeUuid);
    }

    /// <summary>Throws <see cref="CryptographicException"/> if the blob was sealed for another key or UUID, or was altered.</summary>
    public RootKey Unseal(byte[] sealedBlob, string nodeUuid)
    {
        ArgumentNullException.ThrowIfNull(sealedBlob);
        return RootKeySeal.Unseal(_key, sealedBlob, nodeUuid);
    }

    internal static void RequireP256(ECDiffieHellman key)
    {
        if (key.ExportParameters(false).Curve.Oid?.Value != P256Oid)
            throw new CryptographicException("A node key must be on curve P-256.");
    }

    public void Dispose() => _key.Dispose();
}
