using Microsoft.AspNetCore.Mvc;
using System.Text.Json.Nodes;
using Keyhold.Api.Accounts;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Security;

namespace Keyhold.Api;

/// <summary>
/// /api/security/roles: the built-in roles, as ONTAP lists them: admin and readonly owned by the cluster, vsadmin and
/// vsadmin-readonly owned by each SVM. Read-only; an SVM administrator sees its own SVM's roles.
/// </summary>
public static class RolesApi
{
    private static ResourceSchema Schema => RoleSchema.Schema;

    public static RouteGroupBuilder MapRoles(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(RoleJson.Collection);
        group.MapGet("/", List).ForSvmAccounts();
        group.MapGet("/{owner.uuid}/{name}", GetAsync).ForSvmAccounts();
        return group;
    }

    private static Task<IResult> List(HttpContext http, SvmRepository svms, ClusterContext cluster) =>
        OntapCollection.GetAsync(http, Schema, async (plan, ct) => InMemoryPage.Apply(await AllAsync(http, svms, cluster, ct), plan));

    private static async Task<IResult> GetAsync(HttpContext http, [FromRoute(Name = "owner.uuid")] string owner, string name, SvmRepository svms, ClusterContext cluster)
    {
        var record = (await AllAsync(http, svms, cluster, http.RequestAborted))
            .FirstOrDefault(r => r["owner"]!["uuid"]!.GetValue<string>() == owner && r["name"]!.GetValue<string>() == name)
            ?? throw OntapErrors.EntryNotFound.With("name");
        return OntapInstance.Get(http, Schema, record);
    }

    /// <summary>Every role the caller may see, cluster roles first, then each SVM's by SVM name.</summary>
    private static async Task<List<JsonObject>> AllAsync(HttpContext http, SvmRepository svms, ClusterContext cluster, CancellationToken ct)
    {
        var own = SvmScope.Of(http);
        var records = new List<JsonObject>();
        if (own is null)
        {
            records.AddRange(Roles.All.Where(r => !r.IsSvmRole).Select(r => r.ToJson(cluster.Cluster.Uuid, cluster.Cluster.Name, ownerIsSvm: false)));
        }
        // An SVM administrator's roles come from its own SVM's row alone: other SVMs are not even read.
        var owners = own is { } svmUuid ? (await svms.FindAsync(svmUuid, ct) is { } mine ? [mine] : []) : await svms.AllAsync(ct);
        foreach (var svm in owners)
        {
            records.AddRange(Roles.All.Where(r => r.IsSvmRole).Select(r => r.ToJson(svm.Uuid, svm.Name, ownerIsSvm: true)));
        }
        return records;
    }
}
