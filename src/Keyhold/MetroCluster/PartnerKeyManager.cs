namespace Keyhold.MetroCluster;

/// <summary>What the partner cluster has as its cluster-scoped key manager.</summary>
public enum PartnerKeyManagerKind
{
    None,
    Onboard,
    External,
}

/// <summary>The partner's cluster key manager; <paramref name="KeyBackup"/> is its onboard hierarchy, every key wrapped.</summary>
public sealed record PartnerKeyManager(PartnerKeyManagerKind Kind, string? KeyBackup);
