using Keyhold.Cluster;
using Microsoft.Extensions.Options;

namespace Keyhold.Security;

/// <summary>
/// Drains <see cref="AuditLog"/>'s queue into the store in batches, off the request path. A batch that cannot be written
/// is retried (once a second) while new messages wait in the bounded queue; what overflows is counted and summarised
/// later. Every <see cref="AuditOptions.SummaryInterval"/> it writes one message for the refused unauthenticated requests
/// and the dropped messages of the interval, and applies retention.
/// </summary>
public sealed class AuditWriter(AuditLog log, AuditRepository repository, NodeIdentity node, TimeProvider time, IOptions<AuditOptions> options,
    ILogger<AuditWriter> logger) : BackgroundService
{
    private const int BatchSize = 256;

    /// <summary>
    /// How long a first message waits for others before the batch is written. Without it every request of a busy door
    /// woke the writer and paid a store write of its own (two thread hops, a transaction), on a box whose cores the
    /// requests need; with it a thousand requests a second share about fifty writes.
    /// </summary>
    internal static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);
    private long lastIndex;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var nextSummary = time.GetUtcNow() + settings.SummaryInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = nextSummary - time.GetUtcNow();
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                    try
                    {
                        await log.Queue.WaitToReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                    }
                }
                if (log.Queue.Count is > 0 and < BatchSize)
                {
                    // Real time, not the injected clock: a pause to gather a batch, not a time the audit records.
                    await Task.Delay(Gather, stoppingToken);
                }
                await DrainAsync(stoppingToken);
                if (time.GetUtcNow() >= nextSummary)
                {
                    nextSummary = time.GetUtcNow() + settings.SummaryInterval;
                    await SummariseAsync(stoppingToken);
                    await PruneAsync(settings, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Shutting down: what is queued still goes in, without a token to cancel it.
        await DrainAsync(CancellationToken.None, retry: false);
        await SummariseAsync(CancellationToken.None);
    }

    private async Task DrainAsync(CancellationToken ct, bool retry = true)
    {
        var batch = new List<(long, AuditEntry)>(BatchSize);
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && log.Queue.TryRead(out var entry))
            {
                batch.Add((NextIndex(), entry));
            }
            if (batch.Count == 0)
            {
                return;
            }
            await WriteAsync(batch, retry, queued: true, ct);
        }
    }

    private async Task WriteAsync(List<(long, AuditEntry)> batch, bool retry, bool queued, CancellationToken ct)
    {
        var failed = false;
        while (true)
        {
            try
            {
                await repository.InsertAsync(node, batch, ct);
                Settle(batch.Count, queued);
                if (failed)
                {
                    logger.LogWarning("The audit can be written again.");
                }
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (!failed)
                {
                    // One line per outage, not per message: the store may be down for a long time.
                    logger.LogWarning("The audit cannot be written ({Type}); requests go on, messages wait in memory and overflow is counted.", e.GetType().Name);
                    failed = true;
                }
                if (!retry)
                {
                    Settle(batch.Count, queued);
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
        }
    }

    private async Task SummariseAsync(CancellationToken ct)
    {
        var refused = log.TakeRefused();
        var dropped = log.TakeDropped();
        var now = time.GetUtcNow();
        var summary = new List<(long, AuditEntry)>();
        if (refused > 0)
        {
            summary.Add((NextIndex(), new AuditEntry(now, Caller.Http, "-", "-", $"{refused} requests refused without valid credentials", AuditEntry.Error, AuditEntry.Cluster)));
        }
        if (dropped > 0)
        {
            summary.Add((NextIndex(), new AuditEntry(now, "internal", "-", "-", $"{dropped} audit messages dropped: the audit queue was full", AuditEntry.Error, AuditEntry.Cluster)));
        }
        if (summary.Count > 0)
        {
            await WriteAsync(summary, retry: false, queued: false, ct);
        }
    }

    private async Task PruneAsync(AuditOptions settings, CancellationToken ct)
    {
        try
        {
            await repository.PruneAsync(time.GetUtcNow() - settings.MaxAge, settings.MaxRecords, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Audit retention could not run ({Type}); it is tried again next interval.", e.GetType().Name);
        }
    }

    /// <summary>Queued messages count as settled (for <see cref="AuditLog.FlushAsync"/>) once written or given up.</summary>
    private void Settle(int count, bool queued)
    {
        if (queued)
        {
            log.Written(count);
        }
    }

    /// <summary>Unique per node across restarts: the clock's ticks, made strictly increasing.</summary>
    private long NextIndex()
    {
        var ticks = time.GetUtcNow().UtcTicks;
        lastIndex = Math.Max(lastIndex + 1, ticks);
        return lastIndex;
    }
}
