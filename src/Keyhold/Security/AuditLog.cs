using System.Threading.Channels;

namespace Keyhold.Security;

/// <summary>
/// Where every door reports what it did. <see cref="Record(AuditEntry)"/> never waits: the message joins a bounded queue
/// that <see cref="AuditWriter"/> writes in batches, and when the queue is full it is dropped and counted (a summary
/// message says how many once writing catches up), so a slow or failing store can never stall a request — unlike
/// Vault's blocking audit devices. Refused unauthenticated requests are only counted (<see cref="CountRefused"/>).
/// </summary>
public sealed class AuditLog(TimeProvider time, SecurityMetrics? metrics = null, AuditOptions? options = null)
{
    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions((options ?? new()).QueueCapacity)
    {
        // Wait mode, but only TryWrite is ever called: it returns false when full (DropWrite would report success).
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });
    private long refused, dropped, written, enqueued;

    internal ChannelReader<AuditEntry> Queue => queue.Reader;

    /// <summary>Queues a message; returns at once, whatever the store is doing.</summary>
    public void Record(AuditEntry entry)
    {
        if (queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref enqueued);
            return;
        }
        Interlocked.Increment(ref dropped);
        metrics?.AuditDropped();
    }

    /// <summary>
    /// Queues a message about the current operation, by <see cref="Caller.Current"/> (who, from where, through which door).
    /// The KMIP server calls this after each operation, e.g. <c>Record("Create AES 256", AuditEntry.Success)</c>.
    /// </summary>
    public void Record(string input, string state, string scope = AuditEntry.Cluster, string? message = null)
    {
        var caller = Caller.Current;
        Record(new AuditEntry(time.GetUtcNow(), caller?.Application ?? "internal", caller?.Address ?? "-", caller?.User ?? "-", input, state, scope, message));
    }

    /// <summary>A request refused for lack of valid credentials: counted, summarised by the writer, never one message each.</summary>
    public void CountRefused()
    {
        Interlocked.Increment(ref refused);
        metrics?.Refused();
    }

    internal long TakeRefused() => Interlocked.Exchange(ref refused, 0);

    internal long TakeDropped() => Interlocked.Exchange(ref dropped, 0);

    internal void Written(int count) => Interlocked.Add(ref written, count);

    /// <summary>Waits until every message queued before the call is in the store (tests, and shutdown).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var target = Interlocked.Read(ref enqueued);
        while (Interlocked.Read(ref written) < target)
        {
            await Task.Delay(10, ct);
        }
    }
}
