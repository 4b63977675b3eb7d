namespace Keyhold.Onboard;

/// <summary>
/// Tuning for <see cref="PassphraseAttemptLimiter"/>. The defaults leave a typing mistake or two free,
/// then double the wait per failure up to a cap that stays below HTTP client timeouts.
/// </summary>
public sealed record PassphraseAttemptLimiterOptions
{
    /// <summary>Consecutive failures allowed before any delay applies.</summary>
    public int FreeFailures { get; init; } = 3;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Failures older than this are forgotten, so a key manager is not slowed down for ever.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromMinutes(15);
}
