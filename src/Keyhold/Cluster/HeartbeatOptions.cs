namespace Keyhold.Cluster;

/// <summary>Node liveness settings, bound from the "Keyhold" section (Keyhold__NodeHeartbeatInterval).</summary>
public sealed class HeartbeatOptions
{
    public const string Section = "Keyhold";

    /// <summary>How often a node writes its last-seen time to the store.</summary>
    public TimeSpan NodeHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Beats a node may miss before others report it down: three, so one slow write is not a death, and with the
    /// default interval a dead node shows as down within 15-20 s.
    /// </summary>
    public const int MissedBeats = 3;

    /// <summary>How old a last-seen time may be before the node counts as down.</summary>
    public TimeSpan DownAfter => NodeHeartbeatInterval * MissedBeats;
}
