using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// Serialises <see cref="BackupContents"/> into the binary blob (layout in <see cref="KeyBackup"/>).
/// Field bounds are checked here too, so every blob written can be read back.
/// </summary>
internal static class BackupBlobWriter
{
    public static byte[] Write(BackupContents c)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(c.Kdf);
        ArgumentNullException.ThrowIfNull(c.WrappedRootKey);
        ArgumentNullException.ThrowIfNull(c.Keys);
        ArgumentNullException.ThrowIfNull(c.ClusterUuid);
        if (c.Keys.Count > BackupLimits.MaxKeys)
            throw new ArgumentException("Too many keys for one backup.", nameof(c));

        using var body = new MemoryStream();
        WriteHeader(body, c.Kdf, c.WrappedRootKey, c.ClusterUuid, c.Keys.Count);
        foreach (var key in c.Keys)
        {
            WriteEntry(body, key);
        }
        return Seal(body);
    }

    /// <summary>
    /// The parts of a blob whose entries are already encoded (<see cref="WriteEntry"/>) in pieces, in order: header,
    /// the pieces, the checksum. Joined, they are what <see cref="Write"/> gives for the same keys, byte for byte; they
    /// are hashed where they lie and never joined.
    /// </summary>
    /// <remarks>
    /// A key manager holding more keys than one backup carries (only a store changed outside Keyhold's doors can: each
    /// door refuses to pass Keyhold__OnboardMaxKeys) gets ONTAP's cap error on the GET that asked for key_backup,
    /// never a 500; the record without key_backup still reads.
    /// </remarks>
    public static List<ReadOnlyMemory<byte>> Parts(KdfParameters kdf, byte[] wrappedRootKey, string clusterUuid, int keyCount, IEnumerable<ReadOnlyMemory<byte>> pieces)
    {
        if (keyCount > BackupLimits.MaxKeys)
            throw TooManyKeys(keyCount);
        using var header = new MemoryStream();
        WriteHeader(header, kdf, wrappedRootKey, clusterUuid, keyCount);
        var parts = new List<ReadOnlyMemory<byte>> { header.ToArray() };
        parts.AddRange(pieces);
        if (parts.Sum(p => (long)p.Length) + KeyBackup.ChecksumLength > BackupLimits.MaxBlobBytes)
            throw TooManyKeys(keyCount);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            sha.AppendData(part.Span);
        }
        parts.Add(sha.GetHashAndReset().AsMemory(0, KeyBackup.ChecksumLength));
        return parts;
    }

    private static Keyhold.Ontap.OntapException TooManyKeys(int keyCount) =>
        new(Keyhold.Ontap.OntapErrors.OnboardKeyCapReached, "key_backup", keyCount);

    private static void WriteHeader(MemoryStream body, KdfParameters kdf, byte[] wrappedRootKey, string clusterUuid, int keyCount)
    {
        body.Write(KeyBackup.Magic);
        WriteU16(body, KeyBackup.FormatVersion);
        WriteField16(body, Encoding.UTF8.GetBytes(clusterUuid), BackupLimits.MaxClusterUuidBytes, "cluster UUID");
        WriteField16(body, kdf.ToBytes(), BackupLimits.MaxKdfBytes, "KDF parameters");
        WriteField16(body, wrappedRootKey, BackupLimits.MaxWrappedRootKeyBytes, "wrapped root key");
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(count, keyCount);
        body.Write(count);
    }

    /// <summary>One key's entry (layout in <see cref="KeyBackup"/>).</summary>
    public static void WriteEntry(Stream body, BackupKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        WriteField16(body, Encoding.UTF8.GetBytes(key.KeyId), BackupLimits.MaxKeyIdBytes, "key ID");
        WriteField16(body, Encoding.UTF8.GetBytes(key.KeyType), BackupLimits.MaxKeyTypeBytes, "key type");
        WriteField16(body, key.Wrapped, BackupLimits.MaxWrappedKeyBytes, "wrapped key");
        WriteField32(body, Encoding.UTF8.GetBytes(key.Metadata ?? ""), BackupLimits.MaxMetadataBytes, "metadata");
    }

    private static byte[] Seal(MemoryStream body)
    {
        if (body.Length + KeyBackup.ChecksumLength > BackupLimits.MaxBlobBytes)
            throw new ArgumentException("The backup would be too large.");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length), hash);
        body.Write(hash[..KeyBackup.ChecksumLength]);
        return body.ToArray();
    }

    private static void WriteU16(Stream s, int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, checked((ushort)value));
        s.Write(b);
    }

    private static void WriteField16(Stream s, byte[] value, int max, string what)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (value.Length > max)
            throw new ArgumentException($"The {what} is longer than {max} bytes.");
        WriteU16(s, value.Length);
        s.Write(value);
    }

    private static void WriteField32(Stream s, byte[] value, int max, string what)
    {
        if (value.Length > max)
            throw new ArgumentException($"The {what} is longer than {max} bytes.");
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value.Length);
        s.Write(b);
        s.Write(value);
    }
}
