namespace Keyhold.Onboard;

/// <summary>
/// POST onboard: enable the onboard key manager (synchronize: pull it from a MetroCluster partner). With
/// <paramref name="Inactive"/> (create_inactive) it is created beside the enabled configuration, not enabled.
/// </summary>
public sealed record EnableOnboard(Guid? SvmUuid, string? Passphrase, string? ExistingPassphrase, bool Synchronize, bool Inactive = false);

/// <summary>PATCH onboard: a passphrase change (existing + new) or, with <paramref name="Synchronize"/>, sealing the root key to nodes that lack it.</summary>
public sealed record ChangeOnboard(string? ExistingPassphrase, string? Passphrase, bool Synchronize);
