using Keyhold.Api.Ontap;
using Keyhold.Jobs;
using Keyhold.KeyRestore;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api;

/// <summary>
/// POST /api/security/key-managers/{uuid}/restore (ONTAP 9.13): restores an external key manager's keys onto the primary
/// key servers that lack them, as a job (202; 201 with the job when it ends within return_timeout). docs/restore.md.
/// </summary>
public static class RestoreApi
{
    private static ResourceSchema Schema => KeyRestoreSchema.Schema;

    public static RouteHandlerBuilder MapRestore(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/security/key-managers/{uuid}/restore", RestoreAsync).Since(KeyRestoreSchema.Versions.Resource);

    private static async Task<IResult> RestoreAsync(HttpContext http, string uuid, KeyRestoreService restore, JobRunner jobs)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var command = new RestoreKeys(uuid, body.GetString("key_id"), body.GetString("key_server"), body.GetString("key_tag"),
            body.GetString("node.uuid"), body.GetString("node.name"));
        var job = await restore.StartAsync(command, http.RequestAborted);
        return await JobResults.ForAsync(http, jobs, job, StatusCodes.Status201Created);
    }
}
