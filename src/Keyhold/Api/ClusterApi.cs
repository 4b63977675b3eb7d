using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Cluster;

namespace Keyhold.Api;

/// <summary>GET /api/cluster: identity and the ONTAP version clients gate on (Keyhold:Ontap:Version).</summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapCluster(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cluster");
        // SVM administrators too: every ONTAP client starts with GET /api/cluster?fields=version; it holds no SVM's records.
        group.MapGet("/", GetAsync).ForSvmAccounts();
        group.MapPatch("/", ModifyAsync);
        return group;
    }

    private static async Task<IResult> GetAsync(HttpContext http, ClusterContext context, ClusterIdentityService identity) =>
        OntapInstance.GetSingleton(http, ClusterSchema.Cluster, ToJson(context.Cluster, await identity.GetAsync(http.RequestAborted), ClusterRelease.Of(http)));

    /// <summary>PATCH contact and location. ONTAP answers with a job; the change is one small write, so Keyhold answers 200 when it is done.</summary>
    private static async Task<IResult> ModifyAsync(HttpContext http, ClusterIdentityService identity)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, ClusterSchema.Cluster, Operation.Modify);
        await identity.ModifyAsync(new ClusterIdentity(body.GetString("contact"), body.GetString("location")), http.RequestAborted);
        return OntapResults.Ok(http);
    }

    public static JsonObject Version(OntapVersion version) => new()
    {
        ["full"] = ClusterInfo.VersionFull(version),
        ["generation"] = version.Generation,
        ["major"] = version.Major,
        ["minor"] = version.Minor,
    };

    private static JsonObject ToJson(ClusterInfo cluster, ClusterIdentity identity, OntapVersion version) => new()
    {
        ["name"] = cluster.Name,
        ["uuid"] = cluster.Uuid.ToString(),
        ["contact"] = identity.Contact,
        ["location"] = identity.Location,
        ["version"] = Version(version),
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster" } },
    };
}
