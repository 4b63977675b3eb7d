using System.Text.Json.Nodes;
using Keyhold.Certificates;
using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.KeyManagers;
using Keyhold.Keys;

namespace Keyhold.Api.KeyManagers;

/// <summary>The ONTAP JSON of a key manager record, in ONTAP's field order.</summary>
public static class KeyManagerJson
{
    public static async Task<JsonObject> BuildAsync(KeyManagerRecord record, bool withConnectivity, KeyServerView servers, CancellationToken ct)
    {
        var km = record.KeyManager;
        var json = new JsonObject
        {
            ["uuid"] = km.Uuid.ToString(),
            ["scope"] = km.Scope,
        };
        if (km.SvmUuid is { } svm)
        {
            json["svm"] = new Svm(svm, km.SvmName ?? "", "running").ToReference();
        }
        if (km.Kind == KeyManager.Onboard)
        {
            var onboard = new JsonObject { ["enabled"] = true };
            if (record.HasKeyBackup)
            {
                onboard["key_backup"] = record.KeyBackup;
            }
            json["onboard"] = onboard;
        }
        else
        {
            json["external"] = await ExternalAsync(record.External, withConnectivity, servers, ct);
        }
        json["volume_encryption"] = new JsonObject { ["supported"] = true, ["message"] = "", ["code"] = 0 };
        json["is_default_data_at_rest_encryption_disabled"] = km.DareDisabled;
        if (record.Status is { } status)
        {
            json["status"] = new JsonObject { ["code"] = status.Code, ["message"] = status.Message };
        }
        json["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = KeyManager.Href(km.Uuid) } };
        return json;
    }

    /// <summary>
    /// The external.* part. Certificates are {uuid,_links} only: Ansible compares server_ca_certificates element by
    /// element and would PATCH on every run if a name were added.
    /// </summary>
    private static async Task<JsonObject> ExternalAsync(ExternalConfig? config, bool withConnectivity, KeyServerView servers, CancellationToken ct)
    {
        if (config is null)
        {
            return [];
        }
        var list = new JsonArray();
        foreach (var server in config.Servers)
        {
            list.Add(await servers.ItemAsync(server, withConnectivity, ct));
        }
        return new JsonObject
        {
            ["client_certificate"] = StoredCertificate.Reference(config.ClientCertificate),
            ["server_ca_certificates"] = new JsonArray([.. config.ServerCas.Select(JsonNode (ca) => StoredCertificate.Reference(ca))]),
            ["servers"] = list,
        };
    }
}
