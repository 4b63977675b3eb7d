using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.KeyManagerConfigs;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api;

/// <summary>
/// GET and PATCH /api/security/key-manager-configs (ONTAP 9.10+), a singleton: Common Criteria mode, the health
/// monitor's polling interval and policy, the cloud KMS retry count. PATCH answers 200 with no body, as ONTAP documents.
/// </summary>
public static class KeyManagerConfigsApi
{
    public static RouteGroupBuilder MapKeyManagerConfigs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(KeyManagerConfigSchema.Schema.CollectionPath).Since(KeyManagerConfigSchema.Versions.Resource);
        group.MapGet("/", GetAsync);
        group.MapPatch("/", ModifyAsync);
        return group;
    }

    private static async Task<IResult> GetAsync(HttpContext http, KeyManagerConfigService configs) =>
        // A singleton: na_ontap_rest_info sends max_records to it (subset security/key-manager-configs).
        OntapInstance.GetSingleton(http, KeyManagerConfigSchema.Schema, ToJson(await configs.GetAsync(http.RequestAborted), ClusterRelease.Of(http)));

    private static async Task<IResult> ModifyAsync(HttpContext http, KeyManagerConfigService configs)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, KeyManagerConfigSchema.Schema, Operation.Modify);
        await configs.ModifyAsync(Command(body), http.RequestAborted);
        return TypedResults.Ok();
    }

    private static ChangeKeyManagerConfig Command(JsonObject body) => new(
        body.GetBool("cc_mode_enabled"),
        body.GetString("passphrase"),
        body.GetLong("health_monitor_polling_interval"),
        body.GetLong("cloud_kms_retry_count"),
        KeyManagerConfigSchema.PolicyKinds
            .Where(kind => body.GetObject("health_monitor_policy." + kind) is not null)
            .ToDictionary(kind => kind, kind => new HealthMonitorPolicyChange(
                body.GetBool($"health_monitor_policy.{kind}.enabled"),
                body.GetBool($"health_monitor_policy.{kind}.manage_volume_offline"))));

    /// <summary>The record as <paramref name="release"/> has it (the selection drops the fields it lacks; a policy object is built here); never <c>passphrase</c>.</summary>
    private static JsonObject ToJson(KeyManagerSettings s, OntapVersion release)
    {
        var policy = new JsonObject();
        foreach (var kind in KeyManagerConfigSchema.PolicyKinds.Where(k => KeyManagerConfigSchema.Versions.Field("health_monitor_policy." + k) <= release))
        {
            var p = s.Policy(kind);
            policy[kind] = new JsonObject { ["enabled"] = p.Enabled, ["manage_volume_offline"] = p.ManageVolumeOffline };
        }
        return new JsonObject
        {
            ["cc_mode_enabled"] = s.CommonCriteria,
            ["health_monitor_polling_interval"] = s.PollingIntervalMinutes,
            ["cloud_kms_retry_count"] = s.CloudKmsRetryCount,
            ["health_monitor_policy"] = policy,
            ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = KeyManagerConfigSchema.Schema.CollectionPath } },
        };
    }
}
