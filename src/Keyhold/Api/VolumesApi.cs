using Keyhold.Ontap.Schemas;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Jobs;
using Keyhold.Volumes;

namespace Keyhold.Api;

/// <summary>/api/storage/volumes: just enough volume to be the consumer of encryption keys.</summary>
public static class VolumesApi
{
    private static ResourceSchema Schema => VolumeSchema.Schema;

    public static RouteGroupBuilder MapVolumes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/storage/volumes");
        group.MapGet("/", (HttpContext http, VolumeRepository volumes) =>
            OntapCollection.GetAsync(http, Schema, async (plan, ct) => (await volumes.QueryAsync(plan, ct)).Select(v => v.ToJson()).ToList()));
        group.MapPost("/", async (HttpContext http, VolumeService service) =>
        {
            OntapBody.ValidateQuery(http);
            var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
            var volume = await service.CreateAsync(body, http.RequestAborted);
            return OntapResults.Created(http, Volume.Href + volume.Uuid, volume.ToCreatedJson());
        });
        group.MapGet("/{uuid}", async (HttpContext http, string uuid, VolumeService service) =>
            OntapInstance.Get(http, Schema, (await service.FindAsync(uuid, http.RequestAborted)).ToJson()));
        group.MapPatch("/{uuid}", async (HttpContext http, string uuid, VolumeService service, VolumeModification modification, JobRunner jobs) =>
        {
            OntapBody.ValidateQuery(http);
            var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
            var job = await modification.ModifyAsync(await service.FindAsync(uuid, http.RequestAborted), body, http.RequestAborted);
            return job is null ? OntapResults.Ok(http) : await JobResults.ForAsync(http, jobs, job);
        });
        group.MapDelete("/{uuid}", async (HttpContext http, string uuid, VolumeService service) =>
        {
            OntapBody.ValidateQuery(http);
            await service.DeleteAsync(await service.FindAsync(uuid, http.RequestAborted), http.RequestAborted);
            return OntapResults.Ok(http);
        });
        return group;
    }
}
