using System.Text.Json.Nodes;
using Keyhold.Api.External;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
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
        group.MapGet("/", GetCollection).ForSvmAccounts();
        group.MapPost("/", Create).ForSvmAccounts();
        group.MapGet("/{server}", Get).ForSvmAccounts();
        group.MapPatch("/{server}", Modify).ForSvmAccounts();
        group.MapDelete("/{server}", Delete).ForSvmAccounts();
        return group;
    }

    private static async Task<IResult> GetCollection(HttpContext http, string uuid, KeyServerService service)
    {
        var km = await service.FindManagerAsync(KeyManagerId(uuid), http.RequestAborted);
        SvmScope.Check(http, km.SvmUuid);
        return await OntapCollection.GetAsync(http, Schema, async (plan, ct) =>
            (await service.QueryAsync(km, plan, plan.Query.Needs("connectivity"), ct)).Select(KeyServerJson.ToJson).ToList());
    }

    private static async Task<IResult> Create(HttpContext http, string uuid, KeyServerService service)
    {
        OntapBody.ValidateQuery(http);
        await CheckScopeAsync(http, uuid, service);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var command = new AddKeyServer(body.GetString("server"), body["records"] is null ? null : ExternalBody.Servers(body["records"]));
        var added = await service.AddAsync(KeyManagerId(uuid), command, http.RequestAborted);
        if (command.Server is null)
        {
            // ONTAP answers a records POST with one record linking to the collection.
            var collection = KeyServerJson.Collection(added[0].KeyManagerUuid);
            return OntapResults.Created(http, collection, new JsonObject { ["_links"] = OntapLinks.Self(collection + "/") });
        }
        var href = KeyServerJson.Href(added[0].KeyManagerUuid, added[0].Server);
        return OntapResults.Created(http, href, new JsonObject { ["server"] = added[0].Server, ["_links"] = OntapLinks.Self(href) });
    }

    private static async Task<IResult> Get(HttpContext http, string uuid, string server, KeyServerService service)
    {
        await CheckScopeAsync(http, uuid, service);
        var selection = OntapInstance.Selection(http, Schema);
        var found = await service.GetAsync(KeyManagerId(uuid), server, selection.Includes("connectivity"), http.RequestAborted);
        return OntapResults.Json(http, selection.Project(KeyServerJson.ToJson(found)));
    }

    private static async Task<IResult> Modify(HttpContext http, string uuid, string server, KeyServerService service)
    {
        OntapBody.ValidateQuery(http);
        await CheckScopeAsync(http, uuid, service);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        // 9.8 to 9.11.0 document the field but refuse it: the secondaries need the 9.11.1 ECV (below 9.8 it is unknown, 262179).
        if (body["secondary_key_servers"] is not null && ClusterRelease.Of(http) < KeyServerSchema.SecondariesUsable)
        {
            throw OntapErrors.SecondaryKeyServersNeedRelease.With("secondary_key_servers");
        }
        var command = new ModifyKeyServer(body.GetInt("timeout"), body.GetString("username"), body.GetString("password"),
            Secondaries(body["secondary_key_servers"]), body.GetInt("create_remove_timeout"));
        await service.ModifyAsync(KeyManagerId(uuid), server, command, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> Delete(HttpContext http, string uuid, string server, KeyServerService service)
    {
        OntapBody.ValidateQuery(http);
        await CheckScopeAsync(http, uuid, service);
        await service.RemoveAsync(KeyManagerId(uuid), server, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    /// <summary>secondary_key_servers as ONTAP takes it: a list (an empty list removes them all); null leaves them as they are.</summary>
    private static List<string>? Secondaries(JsonNode? node) => node switch
    {
        null => null,
        JsonArray items => [.. items.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw OntapErrors.SecondaryKeyServerMalformed.With("secondary_key_servers"))],
        _ => throw OntapErrors.InvalidFieldValue.With("secondary_key_servers", node.ToJsonString(), "secondary_key_servers"),
    };

    /// <summary>An SVM administrator reaches the key servers of its own SVM's key manager only.</summary>
    private static async Task CheckScopeAsync(HttpContext http, string uuid, KeyServerService service)
    {
        if (SvmScope.Of(http) is not null)
        {
            SvmScope.Check(http, (await service.FindManagerAsync(KeyManagerId(uuid), http.RequestAborted)).SvmUuid);
        }
    }

    // 404 for a uuid that names no key manager, as for an unknown one.
    private static Guid KeyManagerId(string uuid) => Guid.TryParse(uuid, out var id) ? id : throw OntapErrors.EntryNotFound.With("uuid");
}
