using System.Text.Json.Nodes;
using Keyhold.Api.Certificates;
using Keyhold.External;
using Keyhold.KeyManagers;
using Keyhold.Keys;

namespace Keyhold.Api.External;

/// <summary>
/// The external.* part of a key manager record and its status. Certificates are {uuid,_links} only: Ansible compares
/// server_ca_certificates element by element and would PATCH on every run if a name were added.
/// </summary>
public sealed class ExternalView(ExternalService external)
{
    public async Task<JsonObject> BuildAsync(KeyManager km, bool withConnectivity, CancellationToken ct)
    {
        if (await external.DescribeAsync(km, withConnectivity, ct) is not { } record)
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

    /// <summary>0 when every node that is up reaches every server (by the monitors' last probes); else, per node, the servers it cannot reach.</summary>
    public async Task<JsonObject> StatusAsync(KeyManager km, CancellationToken ct)
    {
        var down = await external.UnreachableAsync(km, ct);
        if (down.Count == 0)
        {
            return new JsonObject { ["code"] = 0, ["message"] = KeyManagerView.StatusOk };
        }
        return new JsonObject
        {
            ["code"] = KeyManagerStatus.KeyServersUnavailable,
            ["message"] = string.Join(" ", down.Select(d =>
                $"Key servers not available from node {d.Node}: {string.Join(", ", d.Servers.Select(s => $"{s.Server} ({s.State})"))}.")),
        };
    }
}
