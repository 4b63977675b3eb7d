namespace Keyhold.Tests.Support;

/// <summary>A clock the test sets: what the services read as "now" (timers still run on the system clock).</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
