using System.Buffers.Binary;
using System.Security.Cryptography;
using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

/// <summary>Blobs with a valid checksum but absurd counts or lengths: the checksum is no defence against a crafted backup.</summary>
public class KeyBackupBoundsTests
{
    [Fact]
    public void Absurd_key_count_is_refused()
    {
        var (blob, countOffset) = RealBlob();
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(countOffset), int.MaxValue);
        var e = Assert.Throws<FormatException>(() => DecodeResealed(blob));
        Assert.Contains("key count", e.Message);
    }

    [Fact]
    public void Absurd_field_length_is_refused()
    {
        var (blob, countOffset) = RealBlob();
        var keyId = countOffset + 4;
        BinaryPrimitives.WriteUInt16BigEndian(blob.AsSpan(keyId), ushort.MaxValue);
        Assert.Throws<FormatException>(() => DecodeResealed(blob));
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        var (blob, _) = RealBlob();
        var longer = new byte[blob.Length + 1];
        blob.AsSpan(0, blob.Length - 16).CopyTo(longer);
        Assert.Throws<FormatException>(() => DecodeResealed(longer));
    }

    [Fact]
    public void Unknown_format_version_is_refused()
    {
        var (blob, _) = RealBlob();
        blob[16] = 2;
        var e = Assert.Throws<FormatException>(() => DecodeResealed(blob));
        Assert.Contains("version", e.Message);
    }

    /// <summary>
    /// The writer's limit must hold as many keys as a backup may carry: a key-manager GET over a store of that many
    /// volume keys writes the key_backup, never a 500 (at 64 MiB it failed from about 170,000 keys).
    /// </summary>
    [Fact]
    public void A_backup_of_as_many_volume_keys_as_the_format_allows_fits_the_size_limit()
    {
        using var secrets = RootKeyWrapping.Create(OnboardTestData.Passphrase, OnboardTestData.Iterations);
        var id = Keyhold.Keys.KeyId.New();
        var metadata = new Keyhold.Volumes.VolumeKeyMetadata(Guid.NewGuid(), "vol_0001000000", Guid.NewGuid(), "vs_scale_01", 20L * 1024 * 1024 * 1024, "online").ToJsonText();
        var key = new BackupKey(id, "VEK", secrets.RootKey.WrapDataKey(id, "VEK", RandomNumberGenerator.GetBytes(32)), metadata);
        using var entry = new MemoryStream();
        BackupBlobWriter.WriteEntry(entry, key);
        var header = BackupBlobWriter.Parts(secrets.Kdf, secrets.WrappedRootKey, Guid.NewGuid().ToString(), 0, []).Sum(p => (long)p.Length);

        Assert.True(header + (entry.Length * BackupLimits.MaxKeys) <= BackupLimits.MaxBlobBytes,
            $"{BackupLimits.MaxKeys:N0} entries of {entry.Length} bytes exceed {BackupLimits.MaxBlobBytes:N0} bytes");
        Assert.True(BackupLimits.MaxArmouredChars < 0x3FFFFFDF, "the armoured text must fit in one .NET string for recover");
    }

    /// <summary>
    /// A key manager holding more keys than one backup carries (a store changed outside Keyhold's doors) answers a GET
    /// of key_backup with ONTAP's cap error (400 65537406, target key_backup), which the REST door maps to the envelope,
    /// never an ArgumentException that became a 500.
    /// </summary>
    [Fact]
    public void More_keys_than_a_backup_carries_is_the_cap_error_not_a_500()
    {
        using var secrets = RootKeyWrapping.Create(OnboardTestData.Passphrase, OnboardTestData.Iterations);
        var e = Assert.Throws<Keyhold.Ontap.OntapException>(() =>
            BackupBlobWriter.Parts(secrets.Kdf, secrets.WrappedRootKey, Guid.NewGuid().ToString(), BackupLimits.MaxKeys + 1, []));
        Assert.Equal(400, e.Status);
        Assert.Equal("65537406", e.Code);
        Assert.Equal("key_backup", e.Target);
        Assert.Contains("1000001", e.Message);

        // At the limit itself the header is written (the entries' size is checked against MaxBlobBytes separately).
        Assert.NotEmpty(BackupBlobWriter.Parts(secrets.Kdf, secrets.WrappedRootKey, Guid.NewGuid().ToString(), BackupLimits.MaxKeys, []));
    }

    /// <summary>A one-key blob and the offset of its key count (after magic, version, UUID, KDF and wrapped root).</summary>
    private static (byte[] Blob, int CountOffset) RealBlob()
    {
        var armoured = OnboardTestData.MakeBackup(1).Armoured;
        var lines = armoured.TrimEnd('\n').Split('\n');
        var blob = Convert.FromBase64String(string.Concat(lines[1..^1]));
        var offset = 15 + 2;
        for (var field = 0; field < 3; field++)
            offset += 2 + BinaryPrimitives.ReadUInt16BigEndian(blob.AsSpan(offset));
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(blob.AsSpan(offset)));
        return (blob, offset);
    }

    private static BackupContents DecodeResealed(byte[] blob)
    {
        SHA256.HashData(blob.AsSpan(0, blob.Length - 16)).AsSpan(0, 16).CopyTo(blob.AsSpan(blob.Length - 16));
        return KeyBackup.Decode(BackupArmour.Wrap(blob));
    }
}
