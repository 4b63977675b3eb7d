namespace Keyhold.Onboard;

/// <summary>POST onboard: enable the onboard key manager (synchronize: pull it from a MetroCluster partner).</summary>
public sealed record EnableOnboard(Guid? SvmUuid, string? Passphrase, string? ExistingPassphrase, bool Synchronize);

/// <summary>PATCH onboard: a passphrase change (existing + new) or, with <paramref name="Synchronize"/>, sealing the root key to nodes that lack it.</summary>
public sealed record ChangeOnboard(string? ExistingPassphrase, string? Passphrase, bool Synchronize);
