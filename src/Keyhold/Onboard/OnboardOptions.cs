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
        var attempts = PassphraseAttempts;
        if (attempts.FreeFailures < 0 || attempts.BaseDelay < TimeSpan.Zero || attempts.MaxDelay < attempts.BaseDelay || attempts.ForgetAfter <= TimeSpan.Zero)
        {
            return "Keyhold:PassphraseAttempts needs FreeFailures >= 0, 0 <= BaseDelay <= MaxDelay and a positive ForgetAfter.";
        }
        return null;
    }
}
