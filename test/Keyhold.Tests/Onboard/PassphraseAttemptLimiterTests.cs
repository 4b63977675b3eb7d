using Keyhold.Onboard;
using Keyhold.Ontap;

namespace Keyhold.Tests.Onboard;

public class PassphraseAttemptLimiterTests
{
    private readonly FakeClock _clock = new();
    private readonly PassphraseAttemptLimiter _limiter;

    public PassphraseAttemptLimiterTests() => _limiter = new PassphraseAttemptLimiter(new PassphraseAttemptLimiterOptions(), _clock);

    [Fact]
    public void Waits_grow_after_free_failures_are_capped_and_attempts_inside_them_are_refused_without_running()
    {
        var waits = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            Assert.Throws<WrongPassphraseException>(() => _limiter.Attempt<int>("192.0.2.1", Fail));
            waits.Add((int)_limiter.CurrentDelay("192.0.2.1").TotalMilliseconds);
            var ran = false;
            if (waits[^1] > 0)
            {
                var refused = Assert.Throws<OntapException>(() => _limiter.Attempt("192.0.2.1", () => ran = true));
                Assert.Equal(429, refused.Status);
            }
            Assert.False(ran);
            _clock.Now += _limiter.CurrentDelay("192.0.2.1");
        }
        Assert.Equal([0, 0, 250, 500, 1000, 2000, 4000, 8000, 16000, 32000], waits[..10]);
        Assert.Equal(10, _limiter.ConsecutiveFailures("192.0.2.1"));
        _limiter.RecordFailure("192.0.2.1");
        Assert.Equal(TimeSpan.FromMinutes(1), _limiter.CurrentDelay("192.0.2.1"));
    }

    [Fact]
    public void Success_resets_the_count()
    {
        for (var i = 0; i < 3; i++)
            Assert.Throws<WrongPassphraseException>(() => _limiter.Attempt<int>("a", Fail));
        _clock.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(42, _limiter.Attempt("a", () => 42));
        Assert.Equal(0, _limiter.ConsecutiveFailures("a"));
        Assert.Equal(TimeSpan.Zero, _limiter.CurrentDelay("a"));
    }

    [Fact]
    public void Clients_are_counted_separately()
    {
        for (var i = 0; i < 5; i++)
            _limiter.RecordFailure("attacker");
        Assert.Equal(TimeSpan.Zero, _limiter.CurrentDelay("admin"));
        Assert.Equal(7, _limiter.Attempt("admin", () => 7));
        Assert.True(_limiter.CurrentDelay("attacker") > TimeSpan.Zero);
    }

    [Fact]
    public void A_second_attempt_from_a_client_while_its_first_runs_is_refused_not_queued()
    {
        var inner = (OntapException?)null;
        _limiter.Attempt("a", () => inner = Assert.Throws<OntapException>(() => _limiter.Attempt("a", () => 1)));
        Assert.Equal(429, inner!.Status);
        Assert.Equal(1, _limiter.Attempt("b", () => 1));
    }

    [Fact]
    public void Other_errors_do_not_count()
    {
        Assert.Throws<InvalidOperationException>(() => _limiter.Attempt<int>("a", () => throw new InvalidOperationException()));
        Assert.Equal(0, _limiter.ConsecutiveFailures("a"));
    }

    [Fact]
    public void Old_failures_are_forgotten()
    {
        for (var i = 0; i < 5; i++)
            _limiter.RecordFailure("a");
        _clock.Now += TimeSpan.FromMinutes(16);
        Assert.Equal(0, _limiter.ConsecutiveFailures("a"));
        _limiter.RecordFailure("a");
        Assert.Equal(1, _limiter.ConsecutiveFailures("a"));
    }

    private static int Fail() => throw new WrongPassphraseException();

    private sealed class FakeClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
