using System.Text.Json.Nodes;
using Keyhold.Keys;
using Keyhold.Certificates;
using Keyhold.External;

namespace Keyhold.KeyManagers;

/// <summary>
/// The external.* part of a key manager record and its status. Certificates are {uuid,_links} only: Ansible compares
/// server_ca_certificates element by element and would PATCH on every run if a name were added.
/// </summary>
public sealed class ExternalView(ExternalRepository repository, KeyServerView servers, ConnectivityView connectivity)
{
    public async Task<JsonObject> BuildAsync(KeyManager km, bool withConnectivity, CancellationToken ct)
    {
        if (await repository.LoadAsync(km.Uuid, ct) is not { } config)
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

    /// <summary>0 when every node that is up reaches every server (by the monitors' last probes); else, per node, the servers it cannot reach.</summary>
    public async Task<JsonObject> StatusAsync(KeyManager km, CancellationToken ct)
    {
        var config = await repository.LoadAsync(km.Uuid, ct);
        var down = config is null ? [] : await connectivity.UnavailableAsync(config, ct);
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
