using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>`security key-manager external show` and `show-status`: one row per key server (per node for the status).</summary>
public static class ExternalShowCommands
{
    private const string ExternalFields = "scope,svm.name,external.client_certificate,external.server_ca_certificates,external.servers.server,external.servers.timeout,external.servers.username";

    public static Command Show(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Show only this Vserver's key servers");
        var command = new Command("show", "Show the key servers of the external key managers") { vserver };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var records = (await KeyManagers.ListAsync(client, cluster, parse.GetValue(vserver), ExternalFields)).Where(km => !KeyManagers.IsOnboard(km)).ToList();
            var names = (await client.RecordsAsync("/api/security/certificates", ("fields", "name")))
                .ToDictionary(c => Fields.Text(c, "uuid")!, c => Fields.Text(c, "name") ?? "");
            string Name(JsonNode? cert) => Fields.Text(cert, "uuid") is { } uuid ? names.GetValueOrDefault(uuid, uuid) : "";
            var rows = records.SelectMany(km => Servers(km).Select(s => new[]
            {
                KeyManagers.Vserver(km, cluster),
                Fields.Text(s, "server"),
                Fields.Text(s, "timeout"),
                Fields.Text(s, "username"),
                Name(km["external"]?["client_certificate"]),
                string.Join(",", (km["external"]?["server_ca_certificates"] as JsonArray ?? []).Select(Name)),
            })).ToList<string?[]>();
            output.Table(records, ["Vserver", "Key Server", "Timeout", "Username", "Client Certificate", "Server CA Certificates"], rows);
        });
    }

    public static Command ShowStatus(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Show only this Vserver's key servers");
        var node = Remote.Option<string?>("node", "Show only this node");
        var command = new Command("show-status", "Show whether each node reaches each key server") { vserver, node };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var records = (await KeyManagers.ListAsync(client, cluster, parse.GetValue(vserver), "scope,svm.name,onboard.enabled,external.servers.server,external.servers.connectivity"))
                .Where(km => !KeyManagers.IsOnboard(km)).ToList();
            var nodes = (await client.RecordsAsync("/api/cluster/nodes", ("fields", "name"), ("name", parse.GetValue(node))))
                .Select(n => (Uuid: Fields.Text(n, "uuid")!, Name: Fields.Text(n, "name") ?? "")).ToList();
            var rows = new List<string?[]>();
            foreach (var n in nodes)
            {
                foreach (var km in records)
                {
                    foreach (var server in Servers(km))
                    {
                        rows.Add([n.Name, KeyManagers.Vserver(km, cluster), cluster, Fields.Text(server, "server"), State(server, n.Uuid)]);
                    }
                }
            }
            output.Table(records, ["Node", "Vserver", "Home Cluster", "Key Server", "Status"], rows);
        });
    }

    /// <summary>A node is listed under connectivity.records only when it does not reach the server.</summary>
    private static string State(JsonObject server, string nodeUuid)
    {
        var connectivity = server["connectivity"];
        if (connectivity is null)
        {
            return "unknown";
        }
        var entry = (connectivity["records"] as JsonArray ?? []).FirstOrDefault(r => Fields.Text(r, "node.uuid") == nodeUuid);
        return entry is null ? "available" : Fields.Text(entry, "state") ?? "unknown";
    }

    private static IEnumerable<JsonObject> Servers(JsonObject km) => (km["external"]?["servers"] as JsonArray ?? []).OfType<JsonObject>();
}
