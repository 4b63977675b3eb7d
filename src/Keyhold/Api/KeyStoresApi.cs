using Keyhold.Api.Keystores;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Jobs;
using Keyhold.Keystores;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api;

/// <summary>
/// /api/security/key-stores (9.10) and /{uuid} (GET, PATCH, DELETE: 9.14): the key-manager configurations, enabled and
/// inactive; PATCH {"enabled":true} enables or switches to one as a job, DELETE removes an inactive one.
/// </summary>
public static class KeyStoresApi
{
    private static ResourceSchema Schema => KeystoreSchema.Schema;

    public static RouteGroupBuilder MapKeyStores(this IEndpointRouteBuilder routes)
    {
        var versions = KeystoreSchema.Versions;
        var group = routes.MapGroup("/api/security/key-stores").Since(versions.Resource);
        group.MapGet("/", GetCollection).ForSvmAccounts();
        group.MapGet("/{uuid}", Get).ForSvmAccounts().Since(versions.Endpoint("GET /{uuid}"));
        group.MapPatch("/{uuid}", Enable).Since(versions.Endpoint("PATCH /{uuid}"));
        group.MapDelete("/{uuid}", Delete).Since(versions.Endpoint("DELETE /{uuid}"));
        return group;
    }

    private static Task<IResult> GetCollection(HttpContext http, KeystoreService service) =>
        OntapCollection.GetAsync(http, Schema, async (plan, ct) =>
            (await service.QueryAsync(SvmScope.Restrict(http, plan, "km.svm_uuid"), ct)).Select(KeystoreJson.Build).ToList());

    private static async Task<IResult> Get(HttpContext http, string uuid, KeystoreService service)
    {
        var keystore = await service.GetAsync(uuid, http.RequestAborted);
        SvmScope.Check(http, keystore.Config.SvmUuid);
        return OntapInstance.Get(http, Schema, KeystoreJson.Build(keystore));
    }

    private static async Task<IResult> Enable(HttpContext http, string uuid, KeystoreService service, JobRunner jobs)
    {
        OntapBody.ValidateQuery(http);
        // A uuid that is no uuid is "not supported by this operation" (65538908); a well-formed one that names no
        // configuration "does not exist" (65539207): ONTAP documents both for PATCH.
        var target = await service.FindAsync(uuid, Guid.TryParse(uuid, out _) ? OntapErrors.KeystoreConfigurationMissing : OntapErrors.KeystoreNotFound, http.RequestAborted);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        var job = await service.EnableAsync(target, body.GetBool("enabled"), http.RequestAborted);
        return await JobResults.ForAsync(http, jobs, job);
    }

    private static async Task<IResult> Delete(HttpContext http, string uuid, KeystoreService service)
    {
        OntapBody.ValidateQuery(http);
        var config = await service.FindAsync(uuid, OntapErrors.KeystoreNotFound, http.RequestAborted);
        await service.DeleteAsync(config, http.RequestAborted);
        return OntapResults.Ok(http);
    }
}
