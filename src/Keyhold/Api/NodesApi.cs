using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Cluster;
using Microsoft.Extensions.Options;

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

    private static Task<IResult> List(HttpContext http, ClusterRepository cluster, ClusterContext context, IOptions<HeartbeatOptions> heartbeat, TimeProvider time) =>
        OntapCollection.GetAsync(http, Schema, async (_, ct) =>
        {
            var liveSince = time.GetUtcNow() - heartbeat.Value.DownAfter;
            return (await cluster.NodesAsync(ct)).Select(n => ToJson(n, context, liveSince, ClusterRelease.Of(http))).ToList();
        });

    private static async Task<IResult> GetAsync(HttpContext http, string uuid, ClusterRepository cluster, ClusterContext context, IOptions<HeartbeatOptions> heartbeat, TimeProvider time)
    {
        var node = (await cluster.NodesAsync(http.RequestAborted)).FirstOrDefault(n => n.Uuid.ToString() == uuid)
            ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
        return OntapInstance.Get(http, Schema, ToJson(node, context, time.GetUtcNow() - heartbeat.Value.DownAfter, ClusterRelease.Of(http)));
    }

    public static JsonObject Reference(Guid uuid, string name) => new()
    {
        ["uuid"] = uuid.ToString(),
        ["name"] = name,
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster/nodes/" + uuid } },
    };

    private static JsonObject ToJson(NodeRecord node, ClusterContext context, DateTimeOffset liveSince, OntapVersion version)
    {
        var json = Reference(node.Uuid, node.Name);
        json.Remove("_links");
        // This process vouches for itself; another node is up while its heartbeat in the shared store is fresh.
        json["state"] = node.Uuid == context.Node.Uuid || node.LastSeen >= liveSince ? "up" : "down";
        if (node.LastSeen is { } seen)
        {
            json["last_seen_time"] = seen.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        }
        json["membership"] = "member";
        json["version"] = ClusterApi.Version(version);
        json["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster/nodes/" + node.Uuid } };
        return json;
    }
}
