using System.Collections.Concurrent;

namespace Keyhold.Onboard;

/// <summary>
/// Slows down repeated wrong passphrases, per key manager, in memory. Attempts on one key manager run one at a
/// time, so guessing in parallel does not dodge the delay. A success resets the count.
/// </summary>
public sealed class PassphraseAttemptLimiter(
    PassphraseAttemptLimiterOptions? options = null,
    TimeProvider? clock = null,
    Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly PassphraseAttemptLimiterOptions _options = options ?? new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? ((d, ct) => Task.Delay(d, clock ?? TimeProvider.System, ct));

    /// <summary>
    /// Waits out any penalty, then runs <paramref name="attempt"/>. A <see cref="WrongPassphraseException"/> counts as a
    /// failure and is rethrown; a normal return resets the count; any other exception leaves the count as it was.
    /// </summary>
    public async Task<T> AttemptAsync<T>(string keyManagerId, Func<T> attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var entry = EntryFor(keyManagerId);
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = CurrentDelay(keyManagerId);
            if (wait > TimeSpan.Zero)
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            T result;
            try
            {
                result = attempt();
            }
            catch (WrongPassphraseException)
            {
                RecordFailure(keyManagerId);
                throw;
            }
            RecordSuccess(keyManagerId);
            return result;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>The wait the next attempt on this key manager will get.</summary>
    public TimeSpan CurrentDelay(string keyManagerId)
    {
        var failures = ConsecutiveFailures(keyManagerId);
        if (failures < _options.FreeFailures)
            return TimeSpan.Zero;
        var doublings = Math.Min(failures - _options.FreeFailures, 30);
        var wait = _options.BaseDelay * (1L << doublings);
        return wait < _options.MaxDelay ? wait : _options.MaxDelay;
    }

    public int ConsecutiveFailures(string keyManagerId)
    {
        var entry = EntryFor(keyManagerId);
        lock (entry)
        {
            if (entry.Failures > 0 && _clock.GetUtcNow() - entry.LastFailure > _options.ForgetAfter)
                entry.Failures = 0;
            return entry.Failures;
        }
    }

    /// <summary>For callers that check the passphrase themselves rather than through <see cref="AttemptAsync{T}"/>.</summary>
    public void RecordFailure(string keyManagerId)
    {
        var entry = EntryFor(keyManagerId);
        var now = _clock.GetUtcNow();
        lock (entry)
        {
            if (now - entry.LastFailure > _options.ForgetAfter)
                entry.Failures = 0;
            entry.Failures++;
            entry.LastFailure = now;
        }
    }

    public void RecordSuccess(string keyManagerId)
    {
        var entry = EntryFor(keyManagerId);
        lock (entry)
            entry.Failures = 0;
    }

    private Entry EntryFor(string keyManagerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyManagerId);
        return _entries.GetOrAdd(keyManagerId, static _ => new Entry());
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }
    }
}
