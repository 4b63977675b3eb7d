using Keyhold.Cluster;

namespace Keyhold.External;

/// <summary>
/// What every node says about one key manager's servers at one moment. This node answers from its own cache; another
/// node from its published row while that is fresh, else unknown. A node is up when it published anything recently.
/// </summary>
public sealed class ConnectivitySnapshot(
    NodeIdentity self,
    IReadOnlyList<NodeRecord> nodes,
    ConnectivityCache cache,
    IReadOnlyList<(Guid Node, string Server, string State)> rows,
    IReadOnlySet<Guid> live)
{
    public IReadOnlyList<NodeRecord> Nodes => nodes;

    public bool IsUp(NodeRecord node) => node.Uuid == self.Uuid || live.Contains(node.Uuid);

    public string State(NodeRecord node, KeyServer server)
    {
        if (node.Uuid == self.Uuid)
        {
            return cache.Find(server.KeyManagerUuid, server.Server) switch
            {
                { Available: true } => ConnectivityStates.Available,
                { Available: false } => ConnectivityStates.NotResponding,
                null => ConnectivityStates.Unknown, // not probed yet
            };
        }
        return rows.Where(r => r.Node == node.Uuid && r.Server == server.Server).Select(r => r.State).FirstOrDefault() ?? ConnectivityStates.Unknown;
    }

    /// <summary>ONTAP's cluster_availability: every node that is up reaches the server (a stopped node cannot veto).</summary>
    public bool ClusterAvailable(KeyServer server) => nodes.Where(IsUp).All(n => State(n, server) == ConnectivityStates.Available);
}
