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
    /// The blob of a header and entries already encoded (<see cref="WriteEntry"/>) in pieces, in order: what
    /// <see cref="Write"/> gives for the same keys, byte for byte, without encoding any entry again.
    /// </summary>
    public static byte[] Assemble(KdfParameters kdf, byte[] wrappedRootKey, string clusterUuid, int keyCount, IEnumerable<ReadOnlyMemory<byte>> pieces, long piecesLength)
    {
        if (keyCount > BackupLimits.MaxKeys)
            throw new ArgumentException("Too many keys for one backup.", nameof(keyCount));
        if (piecesLength + KeyBackup.ChecksumLength > BackupLimits.MaxBlobBytes)
            throw new ArgumentException("The backup would be too large.", nameof(piecesLength));
        using var body = new MemoryStream(checked((int)piecesLength + 1024));
        WriteHeader(body, kdf, wrappedRootKey, clusterUuid, keyCount);
        foreach (var piece in pieces)
        {
            body.Write(piece.Span);
        }
        return Seal(body);
    }

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
