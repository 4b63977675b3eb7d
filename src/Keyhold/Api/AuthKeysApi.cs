using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.AuthKeys;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api;

/// <summary>/api/security/key-managers/{uuid}/auth-keys[/{key_id}] (ONTAP 9.12): NSE authentication keys of the cluster key manager.</summary>
public static class AuthKeysApi
{
    private static ResourceSchema Schema => AuthKeySchema.Schema;

    public static RouteGroupBuilder MapAuthKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/security/key-managers/{uuid}/auth-keys").Since(AuthKeySchema.Versions.Resource);
        group.MapGet("/", GetCollection);
        group.MapPost("/", Create);
        group.MapGet("/{keyId}", Get);
        group.MapDelete("/{keyId}", Delete);
        return group;
    }

    private static async Task<IResult> GetCollection(HttpContext http, string uuid, AuthKeyService service, AuthKeyRepository keys)
    {
        var km = await service.FindManagerAsync(uuid, http.RequestAborted);
        await service.RequireKeyServersAsync(km, OntapErrors.AuthKeyNoKeyServers, http.RequestAborted);
        return await OntapCollection.GetAsync(http, Schema, async (plan, ct) => (await keys.QueryAsync(km.Uuid, plan, ct)).Select(ToJson).ToList());
    }

    private static async Task<IResult> Create(HttpContext http, string uuid, AuthKeyService service)
    {
        OntapBody.ValidateQuery(http);
        var km = await service.FindManagerAsync(uuid, http.RequestAborted);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var created = await service.CreateAsync(km, new CreateAuthKey(body.GetString("key_tag"), body.GetString("passphrase")), http.RequestAborted);
        var record = ToJson(created);
        return OntapResults.Created(http, record["_links"]!["self"]!["href"]!.GetValue<string>(), record);
    }

    private static async Task<IResult> Get(HttpContext http, string uuid, string keyId, AuthKeyService service)
    {
        var km = await service.FindManagerAsync(uuid, http.RequestAborted);
        return OntapInstance.Get(http, Schema, ToJson(await service.GetAsync(km, keyId, http.RequestAborted)));
    }

    private static async Task<IResult> Delete(HttpContext http, string uuid, string keyId, AuthKeyService service)
    {
        OntapBody.ValidateQuery(http);
        var km = await service.FindManagerAsync(uuid, http.RequestAborted);
        await service.DeleteAsync(km, keyId, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static JsonObject ToJson(AuthKey key)
    {
        var json = new JsonObject
        {
            ["security_key_manager"] = new JsonObject { ["uuid"] = key.KeyManagerUuid.ToString() },
            ["key_id"] = key.KeyId,
        };
        if (key.KeyTag is { } tag)
        {
            json["key_tag"] = tag;
        }
        json["_links"] = OntapLinks.Self($"{KeyManager.Href(key.KeyManagerUuid)}/auth-keys/{key.KeyId}");
        return json;
    }
}
