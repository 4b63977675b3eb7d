using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Onboard;

/// <summary>
/// Parses the binary blob. The checksum is verified before any field is read, so corruption is reported as
/// such rather than as whatever field it happened to land in. Messages never quote the content.
/// </summary>
internal ref struct BackupBlobReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ReadOnlySpan<byte> _rest;

    private BackupBlobReader(ReadOnlySpan<byte> body) => _rest = body;

    public static BackupContents Read(ReadOnlySpan<byte> blob)
    {
        var magic = KeyBackup.Magic;
        if (blob.Length < magic.Length + 2 + KeyBackup.ChecksumLength || !blob.StartsWith(magic))
            throw new FormatException("The backup is not a NetApp Key Blob.");
        var version = BinaryPrimitives.ReadUInt16BigEndian(blob[magic.Length..]);
        if (version != KeyBackup.FormatVersion)
            throw new FormatException($"The backup format version {version} is not supported.");

        var body = blob[..^KeyBackup.ChecksumLength];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        if (!CryptographicOperations.FixedTimeEquals(hash[..KeyBackup.ChecksumLength], blob[^KeyBackup.ChecksumLength..]))
            throw new FormatException("The backup is corrupted (checksum mismatch).");

        var r = new BackupBlobReader(body[(magic.Length + 2)..]);
        var clusterUuid = r.String(r.U16(), BackupLimits.MaxClusterUuidBytes);
        var kdf = KdfParameters.FromBytes(r.Bytes(r.U16(), BackupLimits.MaxKdfBytes));
        var wrappedRoot = r.Bytes(r.U16(), BackupLimits.MaxWrappedRootKeyBytes).ToArray();
        var count = r.U32();
        // Each key takes at least 10 bytes of length prefixes, which bounds the list before allocating it.
        if (count > BackupLimits.MaxKeys || count > r._rest.Length / 10)
            throw new FormatException("The backup's key count is out of range.");
        var keys = new BackupKey[count];
        for (var i = 0; i < keys.Length; i++)
        {
            var id = r.String(r.U16(), BackupLimits.MaxKeyIdBytes);
            var type = r.String(r.U16(), BackupLimits.MaxKeyTypeBytes);
            var wrapped = r.Bytes(r.U16(), BackupLimits.MaxWrappedKeyBytes).ToArray();
            var metadata = r.String(r.U32(), BackupLimits.MaxMetadataBytes);
            keys[i] = new BackupKey(id, type, wrapped, metadata);
        }
        if (!r._rest.IsEmpty)
            throw new FormatException("The backup has unexpected data after its last key.");
        return new BackupContents(kdf, wrappedRoot, keys, clusterUuid);
    }

    private int U16() => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2, 2));

    private int U32()
    {
        var value = BinaryPrimitives.ReadUInt32BigEndian(Bytes(4, 4));
        return value > int.MaxValue ? throw new FormatException("The backup has a field length out of range.") : (int)value;
    }

    private ReadOnlySpan<byte> Bytes(int length, int max)
    {
        if (length > max)
            throw new FormatException("The backup has a field length out of range.");
        if (length > _rest.Length)
            throw new FormatException("The backup is truncated.");
        var field = _rest[..length];
        _rest = _rest[length..];
        return field;
    }

    private string String(int length, int max)
    {
        try
        {
            return StrictUtf8.GetString(Bytes(length, max));
        }
        catch (DecoderFallbackException)
        {
            // No inner exception: the decoder's message quotes the offending bytes.
            throw new FormatException("The backup has a text field that is not valid UTF-8.");
        }
    }
}
