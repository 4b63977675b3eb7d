namespace Keyhold.MetroCluster;

/// <summary>
/// How this cluster's onboard hierarchy stands against its MetroCluster partner's, as status.code and status.message
/// report it: <see cref="NotSynchronized"/> (the spec's 346758) while they differ, <see cref="PartnerUnreachable"/> when the
/// partner cannot be asked. docs/metrocluster.md.
/// </summary>
public sealed record PartnerSyncStatus(long Code, string Message)
{
    public const long NotSynchronized = 346758;

    /// <summary>ONTAP's code for an unhealthy MetroCluster peer (65536310), reused for a partner that cannot be asked.</summary>
    public const long PartnerUnreachable = 65536310;

    /// <summary>The spec's message, word for word (its example record of a key manager).</summary>
    public static readonly PartnerSyncStatus Differs = new(NotSynchronized,
        "This cluster is part of a MetroCluster configuration. Use the REST API POST method security/key_managers/ with the synchronize option and the same passphrase on the partner cluster before proceeding with any key manager operations. Failure to do so could lead to switchover or switchback failure.");

    public static PartnerSyncStatus Unreachable(TimeSpan timeout) => new(PartnerUnreachable,
        $"The MetroCluster peer is unhealthy: the partner cluster did not answer as expected within {timeout.TotalSeconds:0.#} s, so whether its onboard key hierarchy matches this cluster's is not known.");
}
