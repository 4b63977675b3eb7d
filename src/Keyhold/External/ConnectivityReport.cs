using Keyhold.Cluster;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>
/// connectivity of a key server and the servers each node cannot reach, from this node's cache and the rows other
/// nodes published (never probed inline, so a hanging server cannot slow a GET). Rows older than
/// <see cref="ConnectivityTiming.StaleAfter"/> by the clock count as not published.
/// </summary>
public sealed class ConnectivityReport(
    ConnectivityCache cache,
    ConnectivityRepository repository,
    ClusterRepository cluster,
    NodeIdentity node,
    IOptions<ExternalOptions> options,
    TimeProvider clock)
{
    public async Task<ConnectivitySnapshot> SnapshotAsync(Guid keyManager, CancellationToken ct)
    {
        var nodes = await cluster.NodesAsync(ct);
        var (rows, live) = await repository.FreshAsync(keyManager, clock.GetUtcNow() - ConnectivityTiming.StaleAfter(options.Value), ct);
        return new ConnectivitySnapshot(node, nodes, cache, rows, live);
    }

    public async Task<ConnectivityRecord> ForServerAsync(KeyServer server, CancellationToken ct) =>
        Of(await SnapshotAsync(server.KeyManagerUuid, ct), server);

    /// <summary>The records of several servers of one key manager from one snapshot.</summary>
    public async Task<List<KeyServerRecord>> WithConnectivityAsync(Guid keyManager, IEnumerable<KeyServer> servers, bool withConnectivity, CancellationToken ct)
    {
        var list = servers.ToList();
        if (!withConnectivity || list.Count == 0)
        {
            return [.. list.Select(s => KeyServerRecord.Of(s))];
        }
        var snapshot = await SnapshotAsync(keyManager, ct);
        return [.. list.Select(s => KeyServerRecord.Of(s, Of(snapshot, s)))];
    }

    /// <summary>Per node that is up, the servers it cannot reach (with their state); nodes reaching every server are left out.</summary>
    public async Task<List<UnreachableServers>> UnavailableAsync(ExternalConfig config, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(config.KeyManagerUuid, ct);
        return [.. snapshot.Nodes.Where(snapshot.IsUp)
            .Select(n => new UnreachableServers(n.Name,
                [.. config.Servers.Select(s => (s.Server, State: snapshot.State(n, s))).Where(s => s.State != ConnectivityStates.Available)]))
            .Where(n => n.Servers.Count > 0)];
    }

    private static ConnectivityRecord Of(ConnectivitySnapshot snapshot, KeyServer server) =>
        new(snapshot.ClusterAvailable(server), [.. snapshot.Nodes
            .Select(n => new NodeConnectivity(n.Uuid, n.Name, snapshot.State(n, server)))
            .Where(n => n.State != ConnectivityStates.Available)]);
}
