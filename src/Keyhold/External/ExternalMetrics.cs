using System.Diagnostics;
using System.Diagnostics.Metrics;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>
/// KMIP client round trips (per server, operation and result, with durations) and this node's view of each key
/// server's connectivity, read from <see cref="ConnectivityCache"/> when scraped (no probe of its own).
/// </summary>
public sealed class ExternalMetrics
{
    /// <summary>Seconds, not the SDK's default millisecond buckets: from a fast fsync to a slow network.</summary>
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    public const string MeterName = "Keyhold.External";

    private readonly Counter<long> roundTrips;
    private readonly Histogram<double> duration;

    public ExternalMetrics(IMeterFactory meters, ConnectivityCache cache)
    {
        var meter = meters.Create(MeterName);
        roundTrips = meter.CreateCounter<long>("keyhold.kmip.client.round_trips", "{request}", "KMIP requests sent to key servers.");
        duration = meter.CreateHistogram<double>("keyhold.kmip.client.duration", "s", "Time of a KMIP request, connection included.", tags: null, advice: SecondsBuckets);
        meter.CreateObservableGauge("keyhold.key_server.connectivity",
            () => cache.All().Select(s => new Measurement<int>(s.Value.Available ? 1 : 0,
                new TagList { { "key_manager", s.Key.KeyManager.ToString() }, { "server", s.Key.Server } })),
            null, "1 when this node's last probe of the key server succeeded, else 0.");
    }

    /// <summary>Runs one KMIP request and records it; the result is "success" or the failure's kind.</summary>
    public async Task<T> TimeAsync<T>(string server, string operation, Func<Task<T>> request)
    {
        var started = Stopwatch.GetTimestamp();
        var result = "success";
        try
        {
            return await request();
        }
        catch (KmipException e)
        {
            result = Result(e.Kind);
            throw;
        }
        catch (OperationCanceledException)
        {
            result = "cancelled";
            throw;
        }
        finally
        {
            var tags = new TagList { { "server", server }, { "operation", operation }, { "result", result } };
            roundTrips.Add(1, tags);
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    public Task TimeAsync(string server, string operation, Func<Task> request) =>
        TimeAsync(server, operation, async () => { await request(); return true; });

    private static string Result(KmipErrorKind kind) => kind switch
    {
        KmipErrorKind.Network => "network",
        KmipErrorKind.ServerCertificateUntrusted => "server_certificate_untrusted",
        KmipErrorKind.ClientCertificateRejected => "client_certificate_rejected",
        KmipErrorKind.Protocol => "protocol",
        KmipErrorKind.Operation => "operation",
        _ => "other",
    };

    /// <summary>For services built without metrics (tests wiring them by hand): then the request just runs.</summary>
    public static Task<T> Time<T>(ExternalMetrics? metrics, string server, string operation, Func<Task<T>> request) =>
        metrics is null ? request() : metrics.TimeAsync(server, operation, request);

    public static Task Time(ExternalMetrics? metrics, string server, string operation, Func<Task> request) =>
        metrics is null ? request() : metrics.TimeAsync(server, operation, request);
}
