namespace Keyhold.Onboard;

/// <summary>Bounds on backup fields, so a hostile or corrupted backup cannot make the decoder allocate without limit.</summary>
internal static class BackupLimits
{
    /// <summary>What a key_backup holds; creating onboard keys stops there too (Keys/OnboardKeyCap).</summary>
    public const int MaxKeys = (int)Keys.OnboardKeyCapOptions.Ceiling;
    public const int MaxClusterUuidBytes = 128;
    public const int MaxKdfBytes = 255;
    public const int MaxWrappedRootKeyBytes = 255;
    public const int MaxKeyIdBytes = 512;
    public const int MaxKeyTypeBytes = 64;
    public const int MaxWrappedKeyBytes = 2048;
    public const int MaxMetadataBytes = 64 * 1024;

    /// <summary>
    /// 512 MiB of blob: room for <see cref="MaxKeys"/> volume keys as Keyhold writes them (about 400 bytes each with
    /// ordinary volume and SVM names), so the key-manager GET can always write the key_backup a store of that many keys
    /// needs. It was 64 MiB, and a GET at about 170,000 onboard keys answered 500. The armoured text is at most 4/3 of
    /// it plus a newline every 64 characters (about 700 million characters, under .NET's longest string).
    /// </summary>
    public const int MaxBlobBytes = 512 * 1024 * 1024;
    public const int MaxArmouredChars = (MaxBlobBytes / 3 * 4 / 64 * 65) + 1024;
}
