using System.Text.Json.Nodes;
using Keyhold.Ontap.Schemas;
using Keyhold.Keys;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.External;

namespace Keyhold.Api;

/// <summary>
/// /api/security/key-managers/{uuid}/key-servers. {server} may arrive as host:port or host%3Aport (Kestrel decodes
/// %3A before routing); links use %3A as ONTAP's examples do.
/// </summary>
public static class KeyServersApi
{
    private static ResourceSchema Schema => KeyServerSchema.Schema;

    public static RouteGroupBuilder MapKeyServers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/security/key-managers/{uuid}/key-servers");
        group.MapGet("/", GetCollection);
        group.MapPost("/", Create);
        group.MapGet("/{server}", Get);
        group.MapPatch("/{server}", Modify);
        group.MapDelete("/{server}", Delete);
        return group;
    }

    private static async Task<IResult> GetCollection(HttpContext http, string uuid, KeyManagerRepository managers, ExternalService external,
        ExternalRepository repository, KeyServerView view)
    {
        var km = await FindExternalAsync(managers, external, uuid, http.RequestAborted);
        return await OntapCollection.GetAsync(http, Schema, async (plan, ct) =>
        {
            var records = new List<JsonObject>();
            foreach (var server in await repository.QueryAsync(km.Uuid, plan, ct))
            {
                records.Add(await view.BuildAsync(server, plan.Query.Fields.Includes("connectivity"), ct));
            }
            return records;
        });
    }

    private static async Task<IResult> Create(HttpContext http, string uuid, KeyManagerRepository managers, ExternalService external, KeyServerService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var km = await FindExternalAsync(managers, external, uuid, http.RequestAborted);
        var single = body.GetString("server");
        if (single is not null && body["records"] is not null)
        {
            throw OntapErrors.InvalidFieldValue.With("records", "records", "records"); // "Not valid in POST if server is provided."
        }
        var servers = single is not null ? [ServerAddress.Parse(single, "server").ToString()] : ServerList.FromRecords(body["records"], "records");
        var added = await service.AddAsync(km, servers, single is not null ? "server" : "records", http.RequestAborted);
        if (single is null)
        {
            // ONTAP answers a records POST with one record linking to the collection.
            return OntapResults.Created(http, KeyServer.Collection(km.Uuid), new JsonObject { ["_links"] = OntapLinks.Self(KeyServer.Collection(km.Uuid) + "/") });
        }
        return OntapResults.Created(http, added[0].Href, new JsonObject { ["server"] = added[0].Server, ["_links"] = OntapLinks.Self(added[0].Href) });
    }

    private static async Task<IResult> Get(HttpContext http, string uuid, string server, KeyManagerRepository managers, ExternalService external,
        KeyServerService service, KeyServerView view)
    {
        var selection = OntapInstance.Selection(http.Request.Query, Schema);
        var found = await FindServerAsync(managers, external, service, uuid, server, http.RequestAborted);
        return OntapResults.Json(http, selection.Project(await view.BuildAsync(found.Server, selection.Includes("connectivity"), http.RequestAborted)));
    }

    private static async Task<IResult> Modify(HttpContext http, string uuid, string server, KeyManagerRepository managers, ExternalService external,
        KeyServerService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        var found = await FindServerAsync(managers, external, service, uuid, server, http.RequestAborted);
        await service.ModifyAsync(found.Server, body.GetInt("timeout"), body.GetString("username"), body.GetString("password"), http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> Delete(HttpContext http, string uuid, string server, KeyManagerRepository managers, ExternalService external,
        KeyServerService service)
    {
        OntapBody.ValidateQuery(http);
        var km = await FindExternalAsync(managers, external, uuid, http.RequestAborted);
        // ONTAP's DELETE documents 65536843 for a server that is not configured (GET and PATCH answer 404).
        var found = await service.FindAsync(km, server, http.RequestAborted) ?? throw OntapErrors.KeyServerNotConfigured.With("server");
        await service.RemoveAsync(km, found, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<(KeyManager Km, KeyServer Server)> FindServerAsync(KeyManagerRepository managers, ExternalService external,
        KeyServerService service, string uuid, string server, CancellationToken ct)
    {
        var km = await FindExternalAsync(managers, external, uuid, ct);
        return (km, await service.FindAsync(km, server, ct) ?? throw OntapErrors.EntryNotFound.With("server"));
    }

    // 404 for an unknown key manager, 65536828 for one that is not external.
    private static async Task<KeyManager> FindExternalAsync(KeyManagerRepository managers, ExternalService external, string uuid, CancellationToken ct)
    {
        var km = (Guid.TryParse(uuid, out var id) ? await managers.FindAsync(id, ct) : null) ?? throw OntapErrors.EntryNotFound.With("uuid");
        await external.LoadAsync(km, ct);
        return km;
    }
}
