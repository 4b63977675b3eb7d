using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Keyhold.Storage;

/// <summary>
/// What a commit costs: its latency and, for SQLite's group commit, how many writes shared its one fsync.
/// Plain System.Diagnostics.Metrics; the host decides whether and how they are exported.
/// </summary>
public sealed class StoreMetrics
{
    /// <summary>Seconds, not the SDK's default millisecond buckets: from a fast fsync to a slow network.</summary>
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    public const string MeterName = "Keyhold.Storage";

    private readonly Histogram<double> commitDuration;
    private readonly Histogram<int> commitWrites;
    private readonly Counter<long> retries;
    private readonly Counter<long> walFlushes;

    public StoreMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        commitDuration = meter.CreateHistogram<double>("keyhold.store.commit.duration", "s",
            "Time from the start of a write transaction to its durable commit.", tags: null, advice: SecondsBuckets);
        commitWrites = meter.CreateHistogram<int>("keyhold.store.commit.writes", "{write}",
            "Writes that shared one commit (group commit: SQLite's, and PostgreSQL's for statement-only writes).", tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });
        retries = meter.CreateCounter<long>("keyhold.store.write.retries", "{write}",
            "Writes run again because the database aborted them for a concurrent one (PostgreSQL serialization failure or deadlock).");
        walFlushes = meter.CreateCounter<long>("keyhold.store.wal.flushes", "{flush}",
            "fsyncs of SQLite's WAL made for unflushed commits that no durable commit covered within the bound.");
    }

    public void WalFlushed(string store) => walFlushes.Add(1, new KeyValuePair<string, object?>("store", store));

    public void Retried(string store) => retries.Add(1, new KeyValuePair<string, object?>("store", store));

    public void Committed(string store, TimeSpan elapsed, int writes, bool succeeded)
    {
        var tags = new TagList { { "store", store }, { "result", succeeded ? "success" : "failure" } };
        commitDuration.Record(elapsed.TotalSeconds, tags);
        commitWrites.Record(writes, tags);
    }
}
