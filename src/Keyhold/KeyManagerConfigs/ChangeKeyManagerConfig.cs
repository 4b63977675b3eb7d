namespace Keyhold.KeyManagerConfigs;

/// <summary>A PATCH of the key-manager configuration: null leaves a value as it is.</summary>
/// <param name="Passphrase">The cluster-wide passphrase, needed to turn Common Criteria mode on. Never kept.</param>
/// <param name="Policies">Per keystore type (okm, kmip, ...), the health-monitor settings to change.</param>
public sealed record ChangeKeyManagerConfig(
    bool? CommonCriteria,
    string? Passphrase,
    long? PollingIntervalMinutes,
    long? CloudKmsRetryCount,
    IReadOnlyDictionary<string, HealthMonitorPolicyChange> Policies);

public sealed record HealthMonitorPolicyChange(bool? Enabled, bool? ManageVolumeOffline);
