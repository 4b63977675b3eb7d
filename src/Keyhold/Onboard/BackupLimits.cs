namespace Keyhold.Onboard;

/// <summary>Bounds on backup fields, so a hostile or corrupted backup cannot make the decoder allocate without limit.</summary>
internal static class BackupLimits
{
    public const int MaxKeys = 1_000_000;
    public const int MaxClusterUuidBytes = 128;
    public const int MaxKdfBytes = 255;
    public const int MaxWrappedRootKeyBytes = 255;
    public const int MaxKeyIdBytes = 512;
    public const int MaxKeyTypeBytes = 64;
    public const int MaxWrappedKeyBytes = 2048;
    public const int MaxMetadataBytes = 64 * 1024;

    /// <summary>64 MiB of blob; the armoured text is at most 4/3 of that plus a newline every 64 characters.</summary>
    public const int MaxBlobBytes = 64 * 1024 * 1024;
    public const int MaxArmouredChars = (MaxBlobBytes / 3 * 4 / 64 * 65) + 1024;
}
