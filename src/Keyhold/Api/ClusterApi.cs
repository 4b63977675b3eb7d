using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap.Schemas;
using Keyhold.Cluster;

namespace Keyhold.Api;

/// <summary>GET /api/cluster: identity and the ONTAP version clients gate on (9.7.0).</summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapCluster(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cluster");
        // SVM administrators too: every ONTAP client starts with GET /api/cluster?fields=version; it holds no SVM's records.
        group.MapGet("/", Get).ForSvmAccounts();
        return group;
    }

    private static IResult Get(HttpContext http, ClusterContext context) => OntapInstance.Get(http, ClusterSchema.Cluster, ToJson(context.Cluster));

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
