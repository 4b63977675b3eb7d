namespace Keyhold.Tests.Support;

/// <summary>A clock that moves only when a test says so. Timers are the system's: tests here read time, they do not wait on it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset to) => now = to;
}
