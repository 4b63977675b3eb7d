using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Api.Volumes;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Jobs;
using Keyhold.Volumes;
using Keyhold.Storage.Query;

namespace Keyhold.Api;

/// <summary>/api/storage/volumes: just enough volume to be the consumer of encryption keys.</summary>
public static class VolumesApi
{
    private static ResourceSchema Schema => VolumeSchema.Schema;

    public static RouteGroupBuilder MapVolumes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/storage/volumes");
        group.MapGet("/", List).ForSvmAccounts();
        group.MapPost("/", CreateAsync).ForSvmAccounts();
        group.MapGet("/{uuid}", GetAsync).ForSvmAccounts();
        group.MapPatch("/{uuid}", ModifyAsync).ForSvmAccounts();
        group.MapDelete("/{uuid}", DeleteAsync).ForSvmAccounts();
        return group;
    }

    private static Task<IResult> List(HttpContext http, VolumeRepository volumes) =>
        OntapCollection.GetAsync(http, Schema, new CollectionSource<VersionedRow<Volume>>
        {
            Stream = (plan, each, ct) => volumes.StreamAsync(SvmScope.Restrict(http, plan, "v.svm_uuid"), each, ct),
            // No filter: the count kept beside the rows (all volumes, or the caller's SVM's), not a scan.
            Count = (plan, ct) => plan.Query.Filters.Count == 0
                ? volumes.CountAllAsync(SvmScope.Of(http), ct)
                : volumes.CountAsync(SvmScope.Restrict(http, plan, "v.svm_uuid"), ct),
            ToJson = row => row.Value.ToJson(),
            Write = VolumeJson.PageRows.Write,
            Keep = true,
        });

    private static async Task<IResult> CreateAsync(HttpContext http, VolumeService service, SvmRepository svms)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var command = CreateCommand(body);
        var (svmUuid, svmName) = await SvmScope.OwnSvmAsync(http, command.SvmUuid, command.SvmName, svms);
        var volume = await service.CreateAsync(command with { SvmUuid = svmUuid, SvmName = svmName }, http.RequestAborted);
        return OntapResults.Created(http, Volume.Href + volume.Uuid, volume.ToCreatedJson());
    }

    private static async Task<IResult> GetAsync(HttpContext http, string uuid, VolumeService service)
    {
        var volume = await service.FindAsync(uuid, http.RequestAborted);
        SvmScope.Check(http, volume.SvmUuid);
        return OntapInstance.Get(http, Schema, volume.ToJson());
    }

    private static async Task<IResult> ModifyAsync(HttpContext http, string uuid, VolumeModification modification, JobRunner jobs, VolumeService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        await CheckScopeAsync(http, uuid, service);
        var modified = await modification.ModifyAsync(ModifyCommand(uuid, body), http.RequestAborted);
        return modified.Job is { } job ? await JobResults.ForAsync(http, jobs, job) : OntapResults.Ok(http);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string uuid, VolumeService service)
    {
        OntapBody.ValidateQuery(http);
        await CheckScopeAsync(http, uuid, service);
        await service.DeleteAsync(uuid, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    /// <summary>An SVM administrator changes its own SVM's volumes only; another SVM's do not exist for it.</summary>
    private static async Task CheckScopeAsync(HttpContext http, string uuid, VolumeService service)
    {
        if (SvmScope.Of(http) is not null)
        {
            SvmScope.Check(http, (await service.FindAsync(uuid, http.RequestAborted)).SvmUuid);
        }
    }

    private static CreateVolume CreateCommand(JsonObject body) =>
        new(body.GetString("name"), body.GetString("svm.uuid"), body.GetString("svm.name"), body.GetLong("size"), body.GetString("state"),
            body.GetBool("encryption.enabled"), Attributes(body, Operation.Create));

    private static ModifyVolume ModifyCommand(string uuid, JsonObject body) =>
        new(uuid, body.GetString("name"), body.GetLong("size"), body.GetString("state"), body.GetBool("encryption.enabled"),
            body.GetBool("encryption.rekey") ?? false, Attributes(body, Operation.Modify));

    /// <summary>The body's stored-only attributes, read and checked when the volume rules ask; a new volume stores the default of each one not given.</summary>
    private static AttributeEdit Attributes(JsonObject body, Operation op)
    {
        var changes = new Lazy<VolumeAttributeChanges>(() => VolumeAttributeChanges.Read(body, op));
        return new AttributeEdit(() => _ = changes.Value, op == Operation.Create
            ? stored => VolumeAttributeJson.Complete(changes.Value.ApplyTo(stored)).ToJsonString()
            : stored => changes.Value.ApplyTo(stored));
    }
}
