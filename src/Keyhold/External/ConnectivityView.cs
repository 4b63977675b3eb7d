using System.Text.Json.Nodes;
using Keyhold.Cluster;

namespace Keyhold.External;

/// <summary>
/// connectivity of a key server and the servers a node cannot reach, from the monitor's cache (never probed inline).
/// This node reports what it measured; other nodes' probes are not shared through the store, so they are "unknown".
/// </summary>
public sealed class ConnectivityView(ConnectivityCache cache, ClusterRepository cluster, NodeIdentity node)
{
    public const string NotResponding = "not_responding", Unknown = "unknown";

    public NodeIdentity Node => node;

    /// <summary>This node's state for a server: null when available, else not_responding or unknown (not probed yet).</summary>
    public string? LocalState(KeyServer server) => cache.Find(server.KeyManagerUuid, server.Server) switch
    {
        { Available: true } => null,
        { Available: false } => NotResponding,
        null => Unknown,
    };

    public async Task<JsonObject> BuildAsync(KeyServer server, CancellationToken ct)
    {
        var records = new JsonArray();
        foreach (var n in await cluster.NodesAsync(ct))
        {
            var state = n.Uuid == node.Uuid ? LocalState(server) : Unknown;
            if (state is not null)
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
        var json = new JsonObject { ["cluster_availability"] = records.Count == 0 };
        if (records.Count > 0)
        {
            json["records"] = records;
        }
        return json;
    }
}
