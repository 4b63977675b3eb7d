using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Cluster;

namespace Keyhold.Api;

/// <summary>GET /api/cluster: identity and the ONTAP version clients gate on (9.7.0).</summary>
public static class ClusterApi
{
    public static readonly ResourceSchema Schema = new(
        "cluster",
        "/api/cluster",
        [],
        [
            new("name", FieldKind.String),
            new("uuid", FieldKind.String),
            new("version", FieldKind.Object),
            new("version.full", FieldKind.String),
            new("version.generation", FieldKind.Integer),
            new("version.major", FieldKind.Integer),
            new("version.minor", FieldKind.Integer),
        ],
        "uuid");

    public static RouteGroupBuilder MapCluster(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cluster");
        group.MapGet("/", (HttpContext http, ClusterContext context) => OntapInstance.Get(http, Schema, ToJson(context.Cluster)));
        return group;
    }

    public static JsonObject Version() => new()
    {
        ["full"] = ClusterInfo.VersionFull,
        ["generation"] = ClusterInfo.Generation,
        ["major"] = ClusterInfo.Major,
        ["minor"] = ClusterInfo.Minor,
    };

    private static JsonObject ToJson(ClusterInfo cluster) => new()
    {
        ["name"] = cluster.Name,
        ["uuid"] = cluster.Uuid.ToString(),
        ["version"] = Version(),
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster" } },
    };
}
