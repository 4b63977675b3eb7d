namespace Keyhold.External;

/// <summary>
/// How long a node's published connectivity stays believable, and how often the node re-publishes to stay believed.
/// Both follow the probe interval (set alike on every node): a row older than three intervals means its node stopped,
/// and a heartbeat every 1.5 intervals (every other tick) keeps a live node's rows well inside that window.
/// </summary>
public static class ConnectivityTiming
{
    public static TimeSpan StaleAfter(ExternalOptions options) => 3 * options.Interval;

    public static TimeSpan HeartbeatEvery(ExternalOptions options) => 1.5 * options.Interval;
}
