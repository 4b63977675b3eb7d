using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Api.Svms;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Cluster;
using Keyhold.Storage.Query;

namespace Keyhold.Api;

/// <summary>/api/svm/svms: just enough SVM for SVM-scoped key managers, certificates and volumes.</summary>
public static class SvmsApi
{
    private static ResourceSchema Schema => SvmSchema.Schema;

    public static RouteGroupBuilder MapSvms(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/svm/svms");
        group.MapGet("/", List).ForSvmAccounts();
        group.MapPost("/", CreateAsync);
        group.MapGet("/{uuid}", GetAsync).ForSvmAccounts();
        group.MapPatch("/{uuid}", ModifyAsync);
        group.MapDelete("/{uuid}", DeleteAsync);
        return group;
    }

    private static Task<IResult> List(HttpContext http, SvmRepository svms) =>
        OntapCollection.GetAsync(http, Schema, new CollectionSource<VersionedRow<Svm>>
        {
            Stream = (plan, each, ct) => svms.StreamAsync(SvmScope.Restrict(http, plan, "uuid"), each, ct),
            Count = (plan, ct) => svms.CountAsync(SvmScope.Restrict(http, plan, "uuid"), ct),
            ToJson = row => row.Value.ToJson(),
            Write = SvmJson.PageRows.Write,
            Keep = true,
        });

    private static async Task<IResult> CreateAsync(HttpContext http, SvmService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var attributes = SvmAttributeChanges(body, Operation.Create).ApplyTo("{}");
        var svm = await service.CreateAsync(new CreateSvm(body.GetString("name"), body.GetString("state"),
            VolumeAttributeJson.Complete(attributes, SvmAttributes.All).ToJsonString()), http.RequestAborted);
        return OntapResults.Created(http, SvmReference.Href + svm.Uuid, svm.ToJson());
    }

    private static async Task<IResult> GetAsync(HttpContext http, string uuid, SvmService service)
    {
        var svm = await service.FindAsync(uuid, http.RequestAborted);
        SvmScope.Check(http, svm.Uuid);
        return OntapInstance.Get(http, Schema, svm.ToJson());
    }

    private static async Task<IResult> ModifyAsync(HttpContext http, string uuid, SvmService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        var changes = SvmAttributeChanges(body, Operation.Modify);
        await service.ModifyAsync(new ModifySvm(uuid, body.GetString("name"), body.GetString("state"), changes.ApplyTo), http.RequestAborted);
        return OntapResults.Ok(http);
    }

    /// <summary>The body's stored-only fields, each checked against ONTAP's rule before anything changes.</summary>
    private static VolumeAttributeChanges SvmAttributeChanges(JsonObject body, Operation op) =>
        VolumeAttributeChanges.Read(body, op, SvmAttributes.All, VolumeAggregates.ReadAll);

    private static async Task<IResult> DeleteAsync(HttpContext http, string uuid, SvmService service)
    {
        OntapBody.ValidateQuery(http);
        await service.DeleteAsync(uuid, http.RequestAborted);
        return OntapResults.Ok(http);
    }
}
