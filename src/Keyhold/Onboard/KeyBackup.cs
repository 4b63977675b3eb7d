namespace Keyhold.Onboard;

/// <summary>
/// The onboard <c>key_backup</c>: an armoured binary blob.
/// <code>
/// magic "NetApp Key Blob" (15) | format version (2, BE)
/// cluster UUID    len (2) + UTF-8
/// KDF parameters  len (2) + KdfParameters.ToBytes()
/// wrapped root    len (2) + RFC 5649 output
/// key count (4)
///   per key: key ID len (2) + UTF-8 | key type len (2) + UTF-8 | wrapped len (2) + bytes | metadata len (4) + UTF-8
/// checksum (16)   SHA-256 of everything before it, truncated
/// </code>
/// All integers are big-endian. The checksum detects accidental damage; authenticity comes from the wraps themselves.
/// </summary>
public static class KeyBackup
{
    public const ushort FormatVersion = 1;
    internal const int ChecksumLength = 16;

    internal static ReadOnlySpan<byte> Magic => "NetApp Key Blob"u8;

    public static string Encode(BackupContents c) => BackupArmour.Wrap(BackupBlobWriter.Write(c));

    /// <summary>Throws <see cref="FormatException"/> for anything that is not an intact backup; messages never quote the input.</summary>
    public static BackupContents Decode(string armoured) => BackupBlobReader.Read(BackupArmour.Unwrap(armoured));
}
