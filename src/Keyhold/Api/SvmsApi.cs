using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Cluster;

namespace Keyhold.Api;

/// <summary>/api/svm/svms: just enough SVM for SVM-scoped key managers, certificates and volumes.</summary>
public static class SvmsApi
{
    public static RouteGroupBuilder MapSvms(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/svm/svms");
        group.MapGet("/", (HttpContext http, SvmRepository svms) =>
            OntapCollection.GetAsync(http, Svm.Schema, async (plan, ct) => (await svms.QueryAsync(plan, ct)).Select(s => s.ToJson()).ToList()));
        group.MapPost("/", async (HttpContext http, SvmService service) =>
        {
            OntapBody.ValidateQuery(http);
            var body = await OntapBody.ReadAsync(http, Svm.Schema, Operation.Create);
            var svm = await service.CreateAsync(body.GetString("name"), body.GetString("state"), http.RequestAborted);
            return OntapResults.Created(http, Svm.Href + svm.Uuid, svm.ToJson());
        });
        group.MapGet("/{uuid}", async (HttpContext http, string uuid, SvmService service) =>
            OntapInstance.Get(http, Svm.Schema, (await service.FindAsync(uuid, http.RequestAborted)).ToJson()));
        group.MapPatch("/{uuid}", async (HttpContext http, string uuid, SvmService service) =>
        {
            OntapBody.ValidateQuery(http);
            var body = await OntapBody.ReadAsync(http, Svm.Schema, Operation.Modify);
            await service.ModifyAsync(await service.FindAsync(uuid, http.RequestAborted), body.GetString("name"), body.GetString("state"), http.RequestAborted);
            return OntapResults.Ok(http);
        });
        group.MapDelete("/{uuid}", async (HttpContext http, string uuid, SvmService service) =>
        {
            OntapBody.ValidateQuery(http);
            await service.DeleteAsync(await service.FindAsync(uuid, http.RequestAborted), http.RequestAborted);
            return OntapResults.Ok(http);
        });
        return group;
    }
}
