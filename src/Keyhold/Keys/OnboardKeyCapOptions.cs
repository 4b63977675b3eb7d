namespace Keyhold.Keys;

/// <summary>
/// The most keys one onboard key manager holds (Keyhold__OnboardMaxKeys): what one key_backup can carry, so every
/// backup a GET writes can be recovered. Bound from the "Keyhold" section; it may be lowered, never raised.
/// </summary>
public sealed class OnboardKeyCapOptions
{
    public const string Section = "Keyhold";

    /// <summary>The most keys a key_backup holds (its reader refuses more: Onboard/BackupLimits.MaxKeys is this figure).</summary>
    public const long Ceiling = 1_000_000;

    public long OnboardMaxKeys { get; set; } = Ceiling;

    /// <summary>Why the setting cannot work, or null when it can.</summary>
    public string? Problem() => OnboardMaxKeys is < 1 or > Ceiling ? $"Keyhold:OnboardMaxKeys must be between 1 and {Ceiling}." : null;
}
