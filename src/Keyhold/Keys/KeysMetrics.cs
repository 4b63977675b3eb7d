using System.Diagnostics;
using System.Diagnostics.Metrics;
using Keyhold.Storage;

namespace Keyhold.Keys;

/// <summary>
/// Keys per key manager, read from the store when scraped. The counts are kept for a few seconds so that frequent
/// or concurrent scrapes cost one GROUP BY query, not one each.
/// </summary>
public sealed class KeysMetrics
{
    public const string MeterName = "Keyhold.Keys";

    /// <summary>How long one reading of the counts is served before the store is asked again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(3);

    /// <summary>A scrape never waits on a slow store longer than this; it then shows the last counts.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private const string CountSql =
        "SELECT km.uuid, km.kind, COUNT(k.key_id) FROM key_managers km LEFT JOIN keys k ON k.key_manager_uuid = km.uuid GROUP BY km.uuid, km.kind";

    private readonly IStore store;
    private readonly Lock gate = new();
    private List<(string KeyManager, string Kind, long Count)> counts = [];
    private long? readAt;

    public KeysMetrics(IMeterFactory meters, IStore store)
    {
        this.store = store;
        meters.Create(MeterName).CreateObservableGauge("keyhold.keys", Observe, "{key}", "Data keys held by each key manager.");
    }

    private IEnumerable<Measurement<long>> Observe() =>
        Current().Select(c => new Measurement<long>(c.Count, new TagList { { "key_manager", c.KeyManager }, { "kind", c.Kind } }));

    private List<(string KeyManager, string Kind, long Count)> Current()
    {
        lock (gate)
        {
            if (readAt is { } at && Stopwatch.GetElapsedTime(at) < CacheFor)
            {
                return counts;
            }
            // Observable instruments are read synchronously; bound the wait and keep the old counts if the store is slow.
            var read = store.ReadAsync((c, ct) => Db.QueryAsync(c, null, CountSql,
                r => (r.GetValue(0).ToString()!, r.GetString(1), Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)), ct));
            try
            {
                if (read.Wait(ReadTimeout))
                {
                    counts = read.Result;
                    readAt = Stopwatch.GetTimestamp();
                }
            }
            catch (AggregateException)
            {
                // The store is unreachable: /health/ready says so; the gauge keeps its last reading.
            }
            return counts;
        }
    }
}
