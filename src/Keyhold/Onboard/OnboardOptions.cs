namespace Keyhold.Onboard;

/// <summary>
/// Settings of the onboard key manager, bound from the "Keyhold" section so the existing keys keep working
/// (Keyhold__KdfIterations, Keyhold__NodeSyncInterval, Keyhold__PassphraseAttempts__FreeFailures, ...).
/// </summary>
public sealed class OnboardOptions
{
    public const string Section = "Keyhold";

    /// <summary>PBKDF2 iterations for new onboard passphrases. OWASP's current figure by default.</summary>
    public int KdfIterations { get; set; } = KdfParameters.DefaultIterations;

    /// <summary>How often a node seals the cluster secret for nodes that joined without it.</summary>
    public TimeSpan NodeSyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How repeated wrong passphrases are slowed down.</summary>
    public PassphraseAttemptLimiterOptions PassphraseAttempts { get; set; } = new();

    /// <summary>
    /// A key_backup whose encoded keys take more than this is dropped from memory after <see cref="KeyBackupIdle"/>
    /// without a GET (the next GET rebuilds it); smaller ones are kept. 64 MiB: some 180,000 keys.
    /// </summary>
    public long KeyBackupKeepBytes { get; set; } = 64L << 20;

    /// <summary>How long a key_backup larger than <see cref="KeyBackupKeepBytes"/> stays in memory after its last GET.</summary>
    public TimeSpan KeyBackupIdle { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Problem()
    {
        if (KdfIterations is < KdfParameters.MinIterations or > KdfParameters.MaxIterations)
        {
            return $"Keyhold:KdfIterations must be between {KdfParameters.MinIterations} and {KdfParameters.MaxIterations}.";
        }
        if (NodeSyncInterval <= TimeSpan.Zero)
        {
            return "Keyhold:NodeSyncInterval must be positive.";
        }
        if (KeyBackupKeepBytes < 0 || KeyBackupIdle <= TimeSpan.Zero)
        {
            return "Keyhold:KeyBackupKeepBytes must be >= 0 and Keyhold:KeyBackupIdle positive.";
        }
        var attempts = PassphraseAttempts;
        if (attempts.FreeFailures < 0 || attempts.BaseDelay < TimeSpan.Zero || attempts.MaxDelay < attempts.BaseDelay || attempts.ForgetAfter <= TimeSpan.Zero)
        {
            return "Keyhold:PassphraseAttempts needs FreeFailures >= 0, 0 <= BaseDelay <= MaxDelay and a positive ForgetAfter.";
        }
        return null;
    }
}
