using System.Diagnostics.Metrics;

namespace Keyhold.External;

/// <summary>
/// What the health monitor does, for /metrics: its rounds per keystore type, the polling interval it follows, whether
/// each type is monitored, and whether this node holds the onboard root key. Set by <see cref="ConnectivityMonitor"/>.
/// </summary>
public sealed class HealthMonitorMetrics
{
    public const string MeterName = "Keyhold.HealthMonitor";

    private readonly Counter<long> rounds;
    private double intervalSeconds;
    private readonly Dictionary<string, int> enabled = new(StringComparer.Ordinal);
    private int? onboardRootKey;
    private readonly Lock gate = new();

    public HealthMonitorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        rounds = meter.CreateCounter<long>("keyhold.health_monitor.rounds", "{round}", "Health monitor rounds run by this node, per keystore type.");
        meter.CreateObservableGauge("keyhold.health_monitor.interval", () => Volatile.Read(ref intervalSeconds), "s",
            "The polling interval the health monitor follows: health_monitor_polling_interval, or Keyhold:ConnectivityInterval when set.");
        meter.CreateObservableGauge("keyhold.health_monitor.enabled", () =>
        {
            lock (gate)
            {
                return enabled.Select(e => new Measurement<int>(e.Value, new KeyValuePair<string, object?>("kind", e.Key))).ToList();
            }
        }, null, "1 when health_monitor_policy.<kind>.enabled lets the monitor check that keystore type, else 0.");
        meter.CreateObservableGauge("keyhold.onboard.root_key_on_node", () =>
        {
            lock (gate)
            {
                return onboardRootKey is { } v ? [new Measurement<int>(v)] : Array.Empty<Measurement<int>>();
            }
        }, null, "1 when this node holds its sealed copy of the onboard root key, 0 when it lacks it (absent without an onboard key manager).");
    }

    public void Round(string kind) => rounds.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Following(TimeSpan interval, bool okm, bool kmip)
    {
        Volatile.Write(ref intervalSeconds, interval.TotalSeconds);
        lock (gate)
        {
            enabled["okm"] = okm ? 1 : 0;
            enabled["kmip"] = kmip ? 1 : 0;
        }
    }

    public void OnboardRootKey(bool? held)
    {
        lock (gate)
        {
            onboardRootKey = held is null ? null : held.Value ? 1 : 0;
        }
    }
}
