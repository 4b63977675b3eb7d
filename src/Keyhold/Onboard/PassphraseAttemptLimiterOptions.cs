namespace Keyhold.Onboard;

/// <summary>
/// Tuning for <see cref="PassphraseAttemptLimiter"/>, per client address. The defaults leave a typing mistake or two
/// free, then double the wait between attempts per failure up to a minute; attempts inside the wait are refused at once.
/// </summary>
public sealed record PassphraseAttemptLimiterOptions
{
    /// <summary>Consecutive failures allowed before any wait applies.</summary>
    public int FreeFailures { get; init; } = 3;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Failures older than this are forgotten, so a client is not slowed down for ever.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromMinutes(15);
}
