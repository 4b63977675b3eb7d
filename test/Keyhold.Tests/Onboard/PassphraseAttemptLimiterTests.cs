using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class PassphraseAttemptLimiterTests
{
    private readonly FakeClock _clock = new();
    private readonly List<TimeSpan> _waits = [];
    private readonly PassphraseAttemptLimiter _limiter;

    public PassphraseAttemptLimiterTests() =>
        _limiter = new PassphraseAttemptLimiter(new PassphraseAttemptLimiterOptions(), _clock, (d, _) =>
        {
            _waits.Add(d);
            return Task.CompletedTask;
        });

    [Fact]
    public async Task Delay_grows_after_free_failures_and_is_capped()
    {
        for (var i = 0; i < 8; i++)
            await Assert.ThrowsAsync<WrongPassphraseException>(() => _limiter.AttemptAsync<int>("km1", Fail));

        var ms = _waits.Select(w => (int)w.TotalMilliseconds);
        Assert.Equal([250, 500, 1000, 2000, 2000], ms);
        Assert.Equal(8, _limiter.ConsecutiveFailures("km1"));
    }

    [Fact]
    public async Task Success_resets_the_count()
    {
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<WrongPassphraseException>(() => _limiter.AttemptAsync<int>("km1", Fail));

        Assert.Equal(42, await _limiter.AttemptAsync("km1", () => 42));
        Assert.Equal(0, _limiter.ConsecutiveFailures("km1"));
        Assert.Equal(TimeSpan.Zero, _limiter.CurrentDelay("km1"));
    }

    [Fact]
    public async Task Key_managers_are_counted_separately()
    {
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<WrongPassphraseException>(() => _limiter.AttemptAsync<int>("km1", Fail));

        Assert.Equal(TimeSpan.Zero, _limiter.CurrentDelay("km2"));
        Assert.True(_limiter.CurrentDelay("km1") > TimeSpan.Zero);
    }

    [Fact]
    public async Task Other_errors_do_not_count()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _limiter.AttemptAsync<int>("km1", () => throw new InvalidOperationException()));
        Assert.Equal(0, _limiter.ConsecutiveFailures("km1"));
    }

    [Fact]
    public void Old_failures_are_forgotten()
    {
        for (var i = 0; i < 5; i++)
            _limiter.RecordFailure("km1");
        _clock.Now += TimeSpan.FromMinutes(16);
        Assert.Equal(0, _limiter.ConsecutiveFailures("km1"));
        _limiter.RecordFailure("km1");
        Assert.Equal(1, _limiter.ConsecutiveFailures("km1"));
    }

    [Fact]
    public async Task Real_delay_is_applied_by_default()
    {
        var limiter = new PassphraseAttemptLimiter(new PassphraseAttemptLimiterOptions { FreeFailures = 0, BaseDelay = TimeSpan.FromMilliseconds(50) });
        limiter.RecordFailure("km1");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await limiter.AttemptAsync("km1", () => 1);
        Assert.True(watch.ElapsedMilliseconds >= 40);
    }

    private static int Fail() => throw new WrongPassphraseException();

    private sealed class FakeClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
