namespace Keyhold.Cluster;

/// <summary>The cluster and node this process serves, fixed at start-up.</summary>
public sealed class ClusterContext(ClusterInfo cluster, NodeIdentity node)
{
    public ClusterInfo Cluster { get; } = cluster;

    public NodeIdentity Node { get; } = node;
}
