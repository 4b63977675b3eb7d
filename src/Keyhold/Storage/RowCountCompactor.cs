namespace Keyhold.Storage;

/// <summary>
/// Folds the +1 / -1 rows the count triggers append (<see cref="RowCounts"/>) at start and then again and again, so a
/// count sums a few rows per name: at most what was written since the last fold.
/// </summary>
/// <remarks>
/// While rows keep coming the folds follow each other closely (<see cref="Busy"/>): near the onboard key cap every key
/// insert sums its key manager's rows twice (<c>Keys/KeyRoom</c>), and with a fold every 5 s a create load of 1,000/s
/// had each POST sum ~2,500 rows twice: at 960,000 keys SQLite's share of the node's CPU went from 12 to 35 %
/// (docs/scaling.md). A store with nothing to fold is only read, every <see cref="Interval"/>.
/// </remarks>
public sealed class RowCountCompactor(IStore store, TimeProvider time, ILogger<RowCountCompactor> logger) : BackgroundService
{
    /// <summary>The wait after a fold that found nothing to fold: an idle store costs one small read per interval.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a fold that folded rows: a count then sums what a quarter of a second wrote.</summary>
    internal static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(250);

    // Only where one writer folds. On PostgreSQL every node folds the same rows: folds every 250 ms on two nodes made
    // 222 writes retry on serialization failures in 30 s and two nodes slower than one (0.94x; 0 retries and 1.39x at
    // 5 s, bench/scale-out.sh, docs/scaling.md), so there a busy store waits the full interval too.
    private TimeSpan AfterFold => store is SqliteStore ? Busy : Interval;

    private bool reclaimFailed;

    /// <summary>A fold deletes every row it folded: their room is made reusable at once (<see cref="IStore.ReclaimAsync"/>).</summary>
    private async Task ReclaimAsync(CancellationToken ct)
    {
        try
        {
            await store.ReclaimAsync(RowCounts.Table, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only slower without it (the database's own autovacuum still comes round): said once, not every 5 s. A role
            // that does not own the table (a schema made by another role) cannot VACUUM it.
            if (!reclaimFailed)
            {
                reclaimFailed = true;
                logger.LogWarning("Reclaiming the room of folded row counts failed: {Type} {Message}", e.GetType().Name, e.Message);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var folded = 0;
            try
            {
                folded = await RowCounts.CompactAsync(store, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Counts stay right unfolded (a sum over more rows): the next turn tries again.
                logger.LogWarning("Folding row counts failed: {Type}", e.GetType().Name);
            }
            if (folded > 0)
            {
                await ReclaimAsync(stoppingToken);
            }
            try
            {
                await Task.Delay(folded > 0 ? AfterFold : Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
