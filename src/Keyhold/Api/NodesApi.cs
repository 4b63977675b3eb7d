using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Cluster;

namespace Keyhold.Api;

/// <summary>GET /api/cluster/nodes: the nodes (keyhold processes) sharing this cluster's store.</summary>
public static class NodesApi
{
    public static readonly ResourceSchema Schema = new(
        "node",
        "/api/cluster/nodes",
        ["uuid", "name"],
        [
            new("uuid", FieldKind.String),
            new("name", FieldKind.String),
            new("state", FieldKind.String),
            new("membership", FieldKind.String),
            new("version", FieldKind.Object),
            new("version.full", FieldKind.String),
            new("version.generation", FieldKind.Integer),
            new("version.major", FieldKind.Integer),
            new("version.minor", FieldKind.Integer),
        ],
        "name");

    public static RouteGroupBuilder MapNodes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cluster/nodes");
        group.MapGet("/", (HttpContext http, ClusterRepository cluster, ClusterContext context) =>
            OntapCollection.GetAsync(http, Schema, async (_, ct) =>
                (await cluster.NodesAsync(ct)).Select(n => ToJson(n, context)).ToList()));
        group.MapGet("/{uuid}", async (HttpContext http, string uuid, ClusterRepository cluster, ClusterContext context) =>
        {
            var node = (await cluster.NodesAsync(http.RequestAborted)).FirstOrDefault(n => n.Uuid.ToString() == uuid)
                ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
            return OntapInstance.Get(http, Schema, ToJson(node, context));
        });
        return group;
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
