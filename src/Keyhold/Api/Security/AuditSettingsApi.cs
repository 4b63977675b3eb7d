using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Security;

namespace Keyhold.Api.Security;

/// <summary>
/// GET and PATCH /api/security/audit: whether GET requests are audited too (changes always are). PATCH by cluster
/// administrators; an empty body changes nothing; the answer is the record, as ONTAP documents.
/// </summary>
public static class AuditSettingsApi
{
    public static RouteGroupBuilder MapAuditSettings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(AuditSettingsSchema.Schema.CollectionPath);
        group.MapGet("/", GetAsync);
        group.MapPatch("/", ModifyAsync);
        return group;
    }

    private static async Task<IResult> GetAsync(HttpContext http, AuditSettingsStore settings) =>
        // A singleton: na_ontap_rest_info sends max_records to it (subset security/audit).
        OntapInstance.GetSingleton(http, AuditSettingsSchema.Schema, ToJson(await settings.GetAsync(http.RequestAborted)));

    private static async Task<IResult> ModifyAsync(HttpContext http, AuditSettingsStore settings)
    {
        if (BasicAuthentication.Current(http) is not { Role: Account.Admin, SvmUuid: null })
        {
            throw OntapErrors.Forbidden.With();
        }
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, AuditSettingsSchema.Schema, Operation.Modify);
        var current = await settings.GetAsync(http.RequestAborted);
        var changed = new AuditSettings(body.GetBool("cli") ?? current.Cli, body.GetBool("http") ?? current.Http, body.GetBool("ontapi") ?? current.Ontapi);
        await settings.SaveAsync(changed, http.RequestAborted);
        return OntapResults.Json(http, ToJson(changed));
    }

    private static JsonObject ToJson(AuditSettings s) => new()
    {
        ["cli"] = s.Cli,
        ["http"] = s.Http,
        ["ontapi"] = s.Ontapi,
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = AuditSettingsSchema.Schema.CollectionPath } },
    };
}
