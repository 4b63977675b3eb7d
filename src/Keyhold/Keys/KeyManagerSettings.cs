namespace Keyhold.Keys;

/// <summary>
/// The cluster-wide key-manager configuration (ONTAP's <c>/api/security/key-manager-configs</c>, docs/key-manager-configs.md).
/// Kept here, with the contracts features share, because the features that obey it (Onboard, External, MetroCluster) sit
/// below the one that changes it (KeyManagerConfigs).
/// </summary>
/// <param name="CommonCriteria">Common Criteria mode: 64-character passphrases, no MetroCluster sync.</param>
/// <param name="PollingIntervalMinutes">How often the health monitor checks the key managers (15..30).</param>
/// <param name="CloudKmsRetryCount">Stored and returned (0..10); Keyhold offers no cloud key manager to retry.</param>
/// <param name="HealthMonitor">Per keystore type (<see cref="Kinds"/>): whether the monitor checks it.</param>
public sealed record KeyManagerSettings(
    bool CommonCriteria,
    int PollingIntervalMinutes,
    int CloudKmsRetryCount,
    IReadOnlyDictionary<string, HealthMonitorPolicy> HealthMonitor)
{
    public const int MinPollingMinutes = 15, MaxPollingMinutes = 30, DefaultPollingMinutes = 15;
    public const int MinCloudKmsRetryCount = 0, MaxCloudKmsRetryCount = 10, DefaultCloudKmsRetryCount = 3;

    /// <summary>Keystore types ONTAP keeps a health-monitor policy for; the cloud ones are kept for clients, never used.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["okm", "kmip", "akv", "gcp", "aws", "ikp", "barbican"];

    /// <summary>What a cluster that was never configured has: ONTAP's documented defaults (CC off, 15 minutes, 3 retries, all monitored).</summary>
    public static readonly KeyManagerSettings Default = new(false, DefaultPollingMinutes, DefaultCloudKmsRetryCount,
        Kinds.ToDictionary(k => k, _ => HealthMonitorPolicy.Default));

    public TimeSpan PollingInterval => TimeSpan.FromMinutes(PollingIntervalMinutes);

    /// <summary>The policy of one keystore type (<c>okm</c>, <c>kmip</c>, ...); a type never stored has the default.</summary>
    public HealthMonitorPolicy Policy(string kind) => HealthMonitor.GetValueOrDefault(kind) ?? HealthMonitorPolicy.Default;
}

/// <summary>One keystore type's health-monitor policy.</summary>
/// <param name="ManageVolumeOffline">Stored and returned; Keyhold never takes volumes offline (docs/key-manager-configs.md).</param>
public sealed record HealthMonitorPolicy(bool Enabled, bool ManageVolumeOffline)
{
    public static readonly HealthMonitorPolicy Default = new(true, true);
}

/// <summary>Reads the cluster's key-manager configuration from the store (every node sees the same row).</summary>
public interface IKeyManagerSettings
{
    Task<KeyManagerSettings> GetAsync(CancellationToken ct);
}
