using System.Text.Json.Nodes;
using Keyhold.Cluster;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>
/// connectivity of a key server and the servers each node cannot reach, from this node's cache and the rows other
/// nodes published (never probed inline, so a hanging server cannot slow a GET).
/// </summary>
public sealed class ConnectivityView(
    ConnectivityCache cache,
    ConnectivityRepository repository,
    ClusterRepository cluster,
    NodeIdentity node,
    IOptions<ExternalOptions> options)
{
    public const string Available = "available", NotResponding = "not_responding", Unknown = "unknown";

    public async Task<ConnectivitySnapshot> SnapshotAsync(Guid keyManager, CancellationToken ct)
    {
        var nodes = await cluster.NodesAsync(ct);
        var (rows, live) = await repository.FreshAsync(keyManager, DateTimeOffset.UtcNow - ConnectivityTiming.StaleAfter(options.Value), ct);
        return new ConnectivitySnapshot(node, nodes, cache, rows, live);
    }

    /// <summary>cluster_availability, and records[] for the nodes (up or not) where the server is not available.</summary>
    public async Task<JsonObject> BuildAsync(KeyServer server, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(server.KeyManagerUuid, ct);
        var records = new JsonArray();
        foreach (var n in snapshot.Nodes)
        {
            if (snapshot.State(n, server) is var state && state != Available)
            {
                records.Add(new JsonObject
                {
                    ["node"] = new JsonObject
                    {
                        ["uuid"] = n.Uuid.ToString(),
                        ["name"] = n.Name,
                        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster/nodes/" + n.Uuid } },
                    },
                    ["state"] = state,
                });
            }
        }
        var json = new JsonObject { ["cluster_availability"] = snapshot.ClusterAvailable(server) };
        if (records.Count > 0)
        {
            json["records"] = records;
        }
        return json;
    }

    /// <summary>Per node that is up, the servers it cannot reach (with their state); nodes reaching every server are left out.</summary>
    public async Task<List<(string Node, List<(string Server, string State)> Servers)>> UnavailableAsync(ExternalConfig config, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(config.KeyManagerUuid, ct);
        return [.. snapshot.Nodes.Where(snapshot.IsUp)
            .Select(n => (n.Name, config.Servers.Select(s => (s.Server, State: snapshot.State(n, s))).Where(s => s.State != Available).ToList()))
            .Where(n => n.Item2.Count > 0)];
    }
}
