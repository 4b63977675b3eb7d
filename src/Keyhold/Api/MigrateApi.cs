using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Jobs;
using Keyhold.Migration;

namespace Keyhold.Api;

/// <summary>
/// POST /api/security/key-managers/{source.uuid}/migrate {"uuid": destination}: moves an SVM's keys between the cluster's
/// onboard key manager and the SVM's external one, as a job (202; /api/cluster/jobs/{uuid}).
/// </summary>
public static class MigrateApi
{
    private static readonly ResourceSchema Schema = new(
        "security_key_manager_migrate",
        "/api/security/key-managers/{source.uuid}/migrate",
        [],
        [new("uuid", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly)],
        "1");

    public static RouteHandlerBuilder MapMigrate(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/security/key-managers/{uuid}/migrate", MigrateAsync);

    private static async Task<IResult> MigrateAsync(HttpContext http, string uuid, MigrationService migration, JobRunner jobs)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var job = await migration.StartAsync(new MigrateKeys(uuid, body.GetString("uuid")), http.RequestAborted);
        return await JobResults.ForAsync(http, jobs, job);
    }
}
