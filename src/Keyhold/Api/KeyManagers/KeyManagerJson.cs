using System.Text.Json.Nodes;
using Keyhold.Api.Certificates;
using Keyhold.Api.External;
using Keyhold.Ontap;
using Keyhold.External;
using Keyhold.KeyManagers;
using Keyhold.Keys;

namespace Keyhold.Api.KeyManagers;

/// <summary>The ONTAP JSON of a key manager record, in ONTAP's field order.</summary>
public static class KeyManagerJson
{
    /// <summary>
    /// The record; key_backup, when read, streams out as it is written (<see cref="StreamedString"/>), unless
    /// <paramref name="keyBackupAsText"/>: a filter or an order_by on it reads it as a string.
    /// </summary>
    public static JsonObject Build(KeyManagerRecord record, bool keyBackupAsText = false)
    {
        var km = record.KeyManager;
        var json = new JsonObject
        {
            ["uuid"] = km.Uuid.ToString(),
            ["scope"] = km.Scope,
        };
        if (km.SvmUuid is { } svm)
        {
            json["svm"] = SvmReference.Of(svm, km.SvmName ?? "");
        }
        if (km.Kind == KeyManager.Onboard)
        {
            var onboard = new JsonObject { ["enabled"] = km.Enabled };
            if (record.HasKeyBackup)
            {
                onboard["key_backup"] = record.KeyBackup switch
                {
                    null => null,
                    var text when keyBackupAsText => text.ToString(),
                    var text => text.ToJsonValue(),
                };
            }
            json["onboard"] = onboard;
        }
        else
        {
            json["external"] = External(record.External);
        }
        json["volume_encryption"] = new JsonObject { ["supported"] = true, ["message"] = "", ["code"] = 0 };
        json["is_default_data_at_rest_encryption_disabled"] = km.DareDisabled;
        if (km.Policy is { } policy)
        {
            json["policy"] = policy; // 9.9; an older release leaves it out (KeyManagerSchema.Versions)
        }
        // 9.16.1 fields; a cluster set to an older release leaves them out (KeyManagerSchema.Versions).
        json["enabled"] = km.Enabled;
        json["configuration"] = new JsonObject { ["name"] = "default", ["uuid"] = km.Uuid.ToString() };
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
    private static JsonObject External(ExternalRecord? record)
    {
        if (record is null)
        {
            return [];
        }
        return new JsonObject
        {
            ["client_certificate"] = CertificateJson.Reference(record.ClientCertificate),
            ["server_ca_certificates"] = new JsonArray([.. record.ServerCaCertificates.Select(JsonNode (ca) => CertificateJson.Reference(ca))]),
            ["servers"] = new JsonArray([.. record.Servers.Select(JsonNode (s) => KeyServerJson.Item(s))]),
        };
    }
}
