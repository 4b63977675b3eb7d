using Microsoft.AspNetCore.Mvc;
using Keyhold.Api.Accounts;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Security;

namespace Keyhold.Api;

/// <summary>
/// /api/security/accounts and /api/security/accounts/{owner.uuid}/{name} (ONTAP 9.6+): thin handlers over
/// <see cref="AccountService"/>. SVM administrators see their own SVM's accounts only.
/// </summary>
public static class AccountsApi
{
    private const string OwnerUuid = "owner.uuid";

    private static ResourceSchema Schema => AccountSchema.Schema;

    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(AccountJson.Collection);
        group.MapGet("/", List).ForSvmAccounts();
        group.MapPost("/", CreateAsync);
        group.MapGet("/{owner.uuid}/{name}", GetAsync).ForSvmAccounts();
        group.MapPatch("/{owner.uuid}/{name}", ModifyAsync);
        group.MapDelete("/{owner.uuid}/{name}", DeleteAsync);
        return group;
    }

    private static Task<IResult> List(HttpContext http, AccountRepository accounts, AccountService service, TimeProvider time) =>
        OntapCollection.GetAsync(http, Schema, async (plan, ct) =>
        {
            var now = time.GetUtcNow();
            return (await accounts.QueryAsync(SvmScope.Restrict(http, plan, "u.svm_uuid"), ct))
                .Select(a => a.ToJson(service.ClusterUuid, service.ClusterName, now)).ToList();
        });

    private static async Task<IResult> GetAsync(HttpContext http, [FromRoute(Name = OwnerUuid)] string owner, string name, AccountService service, TimeProvider time)
    {
        var account = await service.FindAsync(BasicAuthentication.Current(http), owner, name, http.RequestAborted);
        return OntapInstance.Get(http, Schema, account.ToJson(service.ClusterUuid, service.ClusterName, time.GetUtcNow()));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AccountService service, TimeProvider time)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var command = new CreateAccount(body.GetString("name"), body.GetString("owner.uuid"), body.GetString("owner.name"), body.GetString("role.name"),
            AccountJson.ApplicationsOf(body), body.GetString("password"), body.GetBool("locked"), body.GetString("comment"));
        var account = await service.CreateAsync(BasicAuthentication.Current(http), command, http.RequestAborted);
        var record = account.ToJson(service.ClusterUuid, service.ClusterName, time.GetUtcNow());
        return OntapResults.Created(http, AccountJson.Href(account.SvmUuid ?? service.ClusterUuid, account.Name), record);
    }

    private static async Task<IResult> ModifyAsync(HttpContext http, [FromRoute(Name = OwnerUuid)] string owner, string name, AccountService service)
    {
        // Ansible's na_ontap_user repeats the keys in the query (?name=N&owner.uuid=U).
        OntapBody.ValidateQuery(http, "name", OwnerUuid);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        var command = new ModifyAccount(body.GetString("role.name"), AccountJson.ApplicationsOf(body), body.GetString("password"), body.GetBool("locked"),
            body.GetString("comment"));
        await service.ModifyAsync(BasicAuthentication.Current(http), owner, name, command, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, [FromRoute(Name = OwnerUuid)] string owner, string name, AccountService service)
    {
        OntapBody.ValidateQuery(http, "name", OwnerUuid);
        await service.DeleteAsync(BasicAuthentication.Current(http), owner, name, http.RequestAborted);
        return OntapResults.Ok(http);
    }
}
