using System.Text.Json.Nodes;
using Keyhold.Ontap.Schemas;
using Keyhold.Keys;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.KeyManagers;

namespace Keyhold.Api;

/// <summary>/api/security/key-managers: thin handlers over the key manager service.</summary>
public static class KeyManagersApi
{
    private static ResourceSchema Schema => KeyManagerSchema.Schema;

    public static RouteGroupBuilder MapKeyManagers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/security/key-managers");
        group.MapGet("/", GetCollection);
        group.MapPost("/", Create);
        group.MapPatch("/", ModifyMatching);
        group.MapDelete("/", DeleteMatching);
        group.MapGet("/{uuid}", Get);
        group.MapPatch("/{uuid}", Modify);
        group.MapDelete("/{uuid}", Delete);
        return group;
    }

    private static Task<IResult> GetCollection(HttpContext http, KeyManagerRepository repo, KeyManagerView view) =>
        OntapCollection.GetAsync(http, Schema, async (plan, ct) =>
        {
            var records = new List<JsonObject>();
            foreach (var km in await repo.QueryAsync(plan, ct))
            {
                records.Add(await view.BuildAsync(km, plan.Query.Fields.Includes, ct));
            }
            return records;
        });

    private static async Task<IResult> Get(HttpContext http, string uuid, KeyManagerView view)
    {
        // One store read for the row and, when asked for, the key_backup's inputs; so `fields` is parsed first,
        // yet an unknown uuid still wins over a bad `fields` (404 before 262197), as when they were read apart.
        var fields = TryParseFields(http);
        var found = Guid.TryParse(uuid, out var id)
            ? await view.FindAsync(id, fields?.Includes("onboard.key_backup") == true, http.RequestAborted)
            : null;
        if (found is null)
        {
            throw new OntapException(OntapErrors.EntryNotFound, "uuid");
        }
        fields ??= InstanceFields.Parse(http, Schema); // throws the parse error
        return OntapInstance.Get(http, Schema, await view.BuildAsync(found, fields.Includes, http.RequestAborted));
    }

    private static FieldSelection? TryParseFields(HttpContext http)
    {
        try
        {
            return InstanceFields.Parse(http, Schema);
        }
        catch (OntapException)
        {
            return null;
        }
    }

    private static async Task<IResult> Create(HttpContext http, KeyManagerService service, KeyManagerView view)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var km = await service.CreateAsync(body, http.RequestAborted);
        var record = await view.BuildAsync(km, _ => false, http.RequestAborted);
        return OntapResults.Created(http, KeyManager.Href(km.Uuid), record);
    }

    private static async Task<IResult> Modify(HttpContext http, string uuid, KeyManagerRepository repo, KeyManagerService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        var km = await FindAsync(repo, uuid, http.RequestAborted);
        await service.ModifyAsync(km, body, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> Delete(HttpContext http, string uuid, KeyManagerRepository repo, KeyManagerService service)
    {
        OntapBody.ValidateQuery(http);
        var km = await FindAsync(repo, uuid, http.RequestAborted);
        await service.DeleteAsync(km, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> ModifyMatching(HttpContext http, KeyManagerRepository repo, KeyManagerService service, KeyManagerView view)
    {
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        foreach (var km in await MatchAsync(http, repo, view))
        {
            await service.ModifyAsync(km, body, http.RequestAborted);
        }
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> DeleteMatching(HttpContext http, KeyManagerRepository repo, KeyManagerService service, KeyManagerView view)
    {
        foreach (var km in await MatchAsync(http, repo, view))
        {
            await service.DeleteAsync(km, http.RequestAborted);
        }
        return OntapResults.Ok(http);
    }

    private static async Task<List<KeyManager>> MatchAsync(HttpContext http, KeyManagerRepository repo, KeyManagerView view)
    {
        var all = new Dictionary<string, KeyManager>();
        var matched = await OntapCollection.MatchAsync(http, Schema, async (plan, ct) =>
        {
            var records = new List<JsonObject>();
            foreach (var km in await repo.QueryAsync(plan, ct))
            {
                all[km.Uuid.ToString()] = km;
                records.Add(await view.BuildAsync(km, _ => false, ct));
            }
            return records;
        });
        return matched.Select(r => all[r["uuid"]!.GetValue<string>()]).ToList();
    }

    private static async Task<KeyManager> FindAsync(KeyManagerRepository repo, string uuid, CancellationToken ct) =>
        (Guid.TryParse(uuid, out var id) ? await repo.FindAsync(id, ct) : null)
        ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
}
