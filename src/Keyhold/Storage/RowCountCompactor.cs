namespace Keyhold.Storage;

/// <summary>
/// Folds the +1 / -1 rows the count triggers append (<see cref="RowCounts"/>) at start and then every few seconds, so a
/// count sums a few rows per name: at most what was written since the last fold.
/// </summary>
public sealed class RowCountCompactor(IStore store, TimeProvider time, ILogger<RowCountCompactor> logger) : BackgroundService
{
    /// <summary>Short enough that a count after a burst of writes sums few rows, long enough to cost nearly nothing.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RowCounts.CompactAsync(store, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Counts stay right unfolded (a sum over more rows): the next tick tries again.
                logger.LogWarning("Folding row counts failed: {Type}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
