using System.Threading.Channels;
using Keyhold.Security;

namespace Keyhold.KmipServer;

/// <summary>
/// Every KMIP operation's audit record, written in batches by one background loop (one transaction per batch), so a Get
/// does not wait for a synced commit of its own. The queue is bounded: when the store cannot keep up the newest records
/// are dropped and counted (logged as a warning), and the service never stalls on its audit trail. Changes are logged at
/// Information as they are queued; reads only at Debug.
/// </summary>
public sealed class KmipAuditQueue : IHostedService, IDisposable
{
    private const int Capacity = 65_536, BatchSize = 512;
    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly AuditLog audit;
    private readonly TimeProvider clock;
    private readonly ILogger<KmipAuditQueue> logger;
    private readonly CancellationTokenSource stopping = new();
    private Task? writer;
    private long dropped;
    private int disposed;

    public KmipAuditQueue(AuditLog audit, TimeProvider clock, ILogger<KmipAuditQueue> logger)
    {
        this.audit = audit;
        this.clock = clock;
        this.logger = logger;
    }

    public long Dropped => Interlocked.Read(ref dropped);

    public void Record(string user, string operation, string? uid, int status, bool change)
    {
        var entry = new AuditEntry(user, "KMIP " + operation, "/kmip/objects/" + (uid ?? "-"), status, clock.GetUtcNow());
        if (change)
        {
            logger.LogInformation("audit: {User} {Method} {Path} -> {Status}", entry.User, entry.Method, entry.Path, entry.Status);
        }

        if (!queue.Writer.TryWrite(entry) && Interlocked.Increment(ref dropped) % 1000 == 1)
        {
            logger.LogWarning("The KMIP audit queue is full; {Dropped} records dropped so far", Dropped);
        }
    }

    /// <summary>Waits until every record queued so far is written (tests, and shutdown).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (queue.Reader.Count > 0 || Volatile.Read(ref writing))
        {
            await Task.Delay(10, ct);
        }
    }

    private bool writing;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        writer = Task.Run(() => WriteAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        if (writer is not null)
        {
            await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        var batch = new List<AuditEntry>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(ct))
            {
                Volatile.Write(ref writing, true);
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                await audit.RecordAsync(batch, CancellationToken.None);
                batch.Clear();
                Volatile.Write(ref writing, false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            Volatile.Write(ref writing, false);
        }
    }

    /// <summary>Idempotent: the container disposes this both as a singleton and as the hosted service it also is.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        queue.Writer.TryComplete();
        stopping.Cancel();
        stopping.Dispose();
    }
}
