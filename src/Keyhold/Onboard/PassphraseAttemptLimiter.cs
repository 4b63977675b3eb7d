using System.Collections.Concurrent;
using Keyhold.Ontap;
using Keyhold.Security;

namespace Keyhold.Onboard;

/// <summary>
/// The one budget of passphrase guesses, shared by every way of trying one (PATCH existing_passphrase, synchronize,
/// POST onboard/recover), kept per client address: after <see cref="PassphraseAttemptLimiterOptions.FreeFailures"/>
/// consecutive failures a client must wait a doubling delay before its next attempt, and an attempt made earlier, or
/// while another from the same client is still running, is refused at once (429) without running the KDF. Nothing is
/// queued and no address's failures slow another address, so an attacker cannot lock the administrator out by guessing
/// from elsewhere. A success resets the client's count.
/// </summary>
public sealed class PassphraseAttemptLimiter(PassphraseAttemptLimiterOptions? options = null, TimeProvider? clock = null)
{
    private readonly PassphraseAttemptLimiterOptions _options = options ?? new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The client of the current request (<see cref="Caller"/>), or "-" for callers without one.</summary>
    public static string CurrentClient => Caller.Current?.Address ?? "-";

    /// <summary>
    /// Runs <paramref name="attempt"/> unless <paramref name="client"/> must wait (429, PassphraseAttemptsThrottled). A
    /// <see cref="WrongPassphraseException"/> counts as a failure and is rethrown; a normal return resets the count; any
    /// other exception leaves the count as it was.
    /// </summary>
    public T Attempt<T>(string client, Func<T> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var entry = EntryFor(client);
        lock (entry)
        {
            var wait = WaitLocked(entry);
            if (entry.Running || wait > TimeSpan.Zero)
            {
                throw OntapErrors.PassphraseAttemptsThrottled.With("onboard.passphrase", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
            }
            entry.Running = true;
        }
        try
        {
            var result = attempt();
            lock (entry)
            {
                entry.Failures = 0;
            }
            return result;
        }
        catch (WrongPassphraseException)
        {
            RecordFailure(client);
            throw;
        }
        finally
        {
            lock (entry)
            {
                entry.Running = false;
            }
        }
    }

    /// <summary>How long <paramref name="client"/> must wait before its next attempt is run.</summary>
    public TimeSpan CurrentDelay(string client)
    {
        var entry = EntryFor(client);
        lock (entry)
        {
            return WaitLocked(entry);
        }
    }

    public int ConsecutiveFailures(string client)
    {
        var entry = EntryFor(client);
        lock (entry)
        {
            Expire(entry);
            return entry.Failures;
        }
    }

    public void RecordFailure(string client)
    {
        var entry = EntryFor(client);
        lock (entry)
        {
            Expire(entry);
            entry.Failures++;
            entry.LastFailure = _clock.GetUtcNow();
        }
    }

    private TimeSpan WaitLocked(Entry entry)
    {
        Expire(entry);
        if (entry.Failures < _options.FreeFailures)
            return TimeSpan.Zero;
        var doublings = Math.Min(entry.Failures - _options.FreeFailures, 30);
        var delay = _options.BaseDelay * (1L << doublings);
        var left = entry.LastFailure + (delay < _options.MaxDelay ? delay : _options.MaxDelay) - _clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Expire(Entry entry)
    {
        if (entry.Failures > 0 && _clock.GetUtcNow() - entry.LastFailure > _options.ForgetAfter)
            entry.Failures = 0;
    }

    private Entry EntryFor(string client)
    {
        ArgumentException.ThrowIfNullOrEmpty(client);
        // Forget clean entries now and then, so a stream of addresses cannot grow the table for ever.
        if (_entries.Count > 10_000)
        {
            foreach (var (key, value) in _entries)
            {
                if (!value.Running && (value.Failures == 0 || _clock.GetUtcNow() - value.LastFailure > _options.ForgetAfter))
                    _entries.TryRemove(key, out _);
            }
        }
        return _entries.GetOrAdd(client, static _ => new Entry());
    }

    private sealed class Entry
    {
        public bool Running { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }
    }
}
