using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Cluster;

namespace Keyhold.Api;

/// <summary>GET /api/cluster/nodes: the nodes (keyhold processes) sharing this cluster's store.</summary>
public static class NodesApi
{
    private static ResourceSchema Schema => ClusterSchema.Node;

    public static RouteGroupBuilder MapNodes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cluster/nodes");
        group.MapGet("/", List);
        group.MapGet("/{uuid}", GetAsync);
        return group;
    }

    private static Task<IResult> List(HttpContext http, ClusterRepository cluster, ClusterContext context) =>
        OntapCollection.GetAsync(http, Schema, async (_, ct) => (await cluster.NodesAsync(ct)).Select(n => ToJson(n, context)).ToList());

    private static async Task<IResult> GetAsync(HttpContext http, string uuid, ClusterRepository cluster, ClusterContext context)
    {
        var node = (await cluster.NodesAsync(http.RequestAborted)).FirstOrDefault(n => n.Uuid.ToString() == uuid)
            ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
        return OntapInstance.Get(http, Schema, ToJson(node, context));
    }

    public static JsonObject Reference(Guid uuid, string name) => new()
    {
        ["uuid"] = uuid.ToString(),
        ["name"] = name,
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster/nodes/" + uuid } },
    };

    private static JsonObject ToJson(NodeRecord node, ClusterContext context)
    {
        var json = Reference(node.Uuid, node.Name);
        json.Remove("_links");
        // Only this process can vouch for itself; other nodes are reported from the shared store.
        json["state"] = node.Uuid == context.Node.Uuid ? "up" : "unknown";
        json["membership"] = "member";
        json["version"] = ClusterApi.Version();
        json["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster/nodes/" + node.Uuid } };
        return json;
    }
}
