using System.Globalization;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
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
            return job is null ? OntapResults.Ok(http) : await JobResultAsync(http, jobs, job);
        });
        group.MapDelete("/{uuid}", async (HttpContext http, string uuid, VolumeService service) =>
        {
            OntapBody.ValidateQuery(http);
            await service.DeleteAsync(await service.FindAsync(uuid, http.RequestAborted), http.RequestAborted);
            return OntapResults.Ok(http);
        });
        return group;
    }

    /// <summary>
    /// ONTAP's return_timeout: 202 with the job at once (0, the default), or wait that long and answer as the job ended:
    /// 200 with the job object (as ONTAP does; clients such as Ansible then read the job's outcome), or the job's error.
    /// </summary>
    private static async Task<IResult> JobResultAsync(HttpContext http, JobRunner jobs, Job job)
    {
        var text = http.Request.Query[QueryParameters.ReturnTimeout].LastOrDefault();
        var wait = text is null ? TimeSpan.Zero : QueryValues.ReturnTimeout(text);
        var ended = wait > TimeSpan.Zero ? await jobs.WaitAsync(job.Uuid, wait, http.RequestAborted) : job;
        return ended.State switch
        {
            Job.Success => OntapResults.Json(http, new JsonObject
            {
                ["job"] = new JsonObject { ["uuid"] = job.Uuid.ToString("D"), ["_links"] = OntapLinks.Self(OntapLinks.Job(job.Uuid)) },
            }),
            Job.Failure => OntapResults.Error(new OntapError(400, ended.Code.ToString(CultureInfo.InvariantCulture), ended.Message).With()),
            _ => OntapResults.Accepted(http, job.Uuid),
        };
    }
}
