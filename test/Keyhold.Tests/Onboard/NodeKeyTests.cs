using System.Security.Cryptography;
using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public sealed class NodeKeyTests : IDisposable
{
    private const string NodeA = "3e7c1b2a-0d4f-11ef-9a7d-005056bb0001";
    private const string NodeB = "3e7c1b2a-0d4f-11ef-9a7d-005056bb0002";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "keyhold-nodekey-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Seal_then_unseal_gives_the_root_key()
    {
        using var node = NodeKey.Generate();
        using var root = RootKey.Generate();
        var sealedBlob = node.Seal(root, NodeA);
        Assert.Equal(1 + 65 + 12 + 32 + 16, sealedBlob.Length);
        using var opened = node.Unseal(sealedBlob, NodeA);
        Assert.Equal(root.Fingerprint, opened.Fingerprint);
    }

    [Fact]
    public void A_node_can_seal_for_another_given_its_public_key()
    {
        using var other = NodeKey.Generate();
        using var root = RootKey.Generate();
        var sealedBlob = NodeKey.Seal(root, other.PublicKey, NodeB);
        using var opened = other.Unseal(sealedBlob, NodeB);
        Assert.Equal(root.Fingerprint, opened.Fingerprint);
    }

    [Fact]
    public void Another_node_key_or_uuid_cannot_unseal()
    {
        using var node = NodeKey.Generate();
        using var intruder = NodeKey.Generate();
        using var root = RootKey.Generate();
        var sealedBlob = node.Seal(root, NodeA);
        Assert.ThrowsAny<CryptographicException>(() => intruder.Unseal(sealedBlob, NodeA));
        Assert.ThrowsAny<CryptographicException>(() => node.Unseal(sealedBlob, NodeB));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(70)]
    [InlineData(100)]
    [InlineData(125)]
    public void Tampered_seal_is_refused(int index)
    {
        using var node = NodeKey.Generate();
        using var root = RootKey.Generate();
        var sealedBlob = node.Seal(root, NodeA);
        sealedBlob[index] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => node.Unseal(sealedBlob, NodeA));
    }

    [Fact]
    public void Key_file_is_created_owner_only_and_reloads_the_same_key()
    {
        var path = Path.Combine(_dir, "sub", "node.key");
        byte[] publicKey;
        using (var created = NodeKey.LoadOrCreate(path))
            publicKey = created.PublicKey;

        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));

        using var reloaded = NodeKey.LoadOrCreate(path);
        Assert.Equal(publicKey, reloaded.PublicKey);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", reloaded.PublicKeyPem);

        using var root = RootKey.Generate();
        using var opened = reloaded.Unseal(NodeKey.Seal(root, publicKey, NodeA), NodeA);
        Assert.Equal(root.Fingerprint, opened.Fingerprint);
    }

    [Fact]
    public async Task Concurrent_first_starts_agree_on_one_key()
    {
        var path = Path.Combine(_dir, "node.key");
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var key = NodeKey.LoadOrCreate(path);
            return Convert.ToBase64String(key.PublicKey);
        })));
        Assert.Single(keys.Distinct());
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_public_key_file_is_not_accepted_as_a_node_key()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "node.key");
        using (var node = NodeKey.Generate())
            File.WriteAllText(path, node.PublicKeyPem);
        Assert.ThrowsAny<CryptographicException>(() => NodeKey.LoadOrCreate(path));
    }

    [Fact]
    public void Sealing_for_a_non_p256_key_is_refused()
    {
        using var p384 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        using var root = RootKey.Generate();
        Assert.ThrowsAny<CryptographicException>(() => NodeKey.Seal(root, p384.ExportSubjectPublicKeyInfo(), NodeA));
    }
}
