using System.Text.Json.Nodes;
using Keyhold.External;
using Keyhold.Ontap;

namespace Keyhold.Api.External;

/// <summary>connectivity of a key server: cluster_availability, and records[] only when some node does not reach it.</summary>
public static class ConnectivityJson
{
    public static JsonObject ToJson(ConnectivityRecord connectivity)
    {
        var json = new JsonObject { ["cluster_availability"] = connectivity.ClusterAvailable };
        if (connectivity.NotAvailable.Count > 0)
        {
            json["records"] = new JsonArray([.. connectivity.NotAvailable.Select(JsonNode (n) => new JsonObject
            {
                ["node"] = new JsonObject
                {
                    ["uuid"] = n.NodeUuid.ToString(),
                    ["name"] = n.NodeName,
                    ["_links"] = OntapLinks.Self("/api/cluster/nodes/" + n.NodeUuid),
                },
                ["state"] = n.State,
            })]);
        }
        return json;
    }
}
