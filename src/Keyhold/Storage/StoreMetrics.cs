using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Keyhold.Storage;

/// <summary>
/// What a commit costs: its latency and, for SQLite's group commit, how many writes shared its one fsync.
/// Plain System.Diagnostics.Metrics; the host decides whether and how they are exported.
/// </summary>
public sealed class StoreMetrics
{
    public const string MeterName = "Keyhold.Storage";

    private readonly Histogram<double> commitDuration;
    private readonly Histogram<int> commitWrites;

    public StoreMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        commitDuration = meter.CreateHistogram<double>("keyhold.store.commit.duration", "s",
            "Time from the start of a write transaction to its durable commit.");
        commitWrites = meter.CreateHistogram<int>("keyhold.store.commit.writes", "{write}",
            "Writes that shared one commit (group commit; always 1 on PostgreSQL).");
    }

    public void Committed(string store, TimeSpan elapsed, int writes, bool succeeded)
    {
        var tags = new TagList { { "store", store }, { "result", succeeded ? "success" : "failure" } };
        commitDuration.Record(elapsed.TotalSeconds, tags);
        commitWrites.Record(writes, tags);
    }
}
