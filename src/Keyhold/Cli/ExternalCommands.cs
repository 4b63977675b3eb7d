using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>`security key-manager external enable | add-servers | remove-servers | modify-server`, with ONTAP's options.</summary>
public static class ExternalCommands
{
    public static Command Enable(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "The Vserver (the cluster's name, or none, for the cluster)");
        var servers = Remote.Option<string>("key-servers", "Key servers, host:port, comma-separated", required: true);
        var clientCert = Remote.Option<string>("client-cert", "Name (or uuid) of the installed client certificate", required: true);
        var serverCas = Remote.Option<string>("server-ca-certs", "Names (or uuids) of the installed server CA certificates, comma-separated", required: true);
        var command = new Command("enable", "Enable external key management with KMIP key servers") { vserver, servers, clientCert, serverCas };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var body = new JsonObject
            {
                ["external"] = new JsonObject
                {
                    ["client_certificate"] = Certificate(parse.GetValue(clientCert)!),
                    ["server_ca_certificates"] = new JsonArray([.. Fields.List(parse.GetValue(serverCas)).Select(JsonNode (c) => Certificate(c))]),
                    ["servers"] = Servers(parse.GetValue(servers)),
                },
            };
            if (parse.GetValue(vserver) is { } svm && svm != await KeyManagers.ClusterNameAsync(client))
            {
                body["svm"] = new JsonObject { ["name"] = svm };
            }
            var answer = await client.SendAsync(HttpMethod.Post, KeyManagers.Path + "?return_records=true", body);
            output.Done("External key management is enabled.", answer);
        });
    }

    public static Command AddServers(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "The Vserver whose key manager gets the servers");
        var servers = Remote.Option<string>("key-servers", "Key servers, host:port, comma-separated", required: true);
        var command = new Command("add-servers", "Add key servers to an external key manager") { vserver, servers };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var uuid = KeyManagers.Uuid(await KeyManagers.ExternalAsync(client, parse.GetValue(vserver)));
            var answer = await client.SendAsync(HttpMethod.Post, $"{KeyManagers.Path}/{uuid}/key-servers?return_records=true",
                new JsonObject { ["records"] = Servers(parse.GetValue(servers)) });
            output.Done("The key servers are added.", answer);
        });
    }

    public static Command RemoveServers(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "The Vserver whose key manager loses the servers");
        var servers = Remote.Option<string>("key-servers", "Key servers, host:port, comma-separated", required: true);
        var command = new Command("remove-servers", "Remove key servers from an external key manager") { vserver, servers };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var uuid = KeyManagers.Uuid(await KeyManagers.ExternalAsync(client, parse.GetValue(vserver)));
            foreach (var server in Fields.List(parse.GetValue(servers)))
            {
                await client.SendAsync(HttpMethod.Delete, $"{KeyManagers.Path}/{uuid}/key-servers/{Uri.EscapeDataString(server)}", null);
            }
            output.Done("The key servers are removed.", null);
        });
    }

    public static Command ModifyServer(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "The Vserver of the key manager");
        var server = Remote.Option<string>("key-server", "The key server, host:port", required: true);
        var timeout = Remote.Option<int?>("timeout", "Seconds to wait for the key server (1 to 60)");
        var username = Remote.Option<string?>("username", "Account on the key server; its password is then prompted (or read from standard input)");
        var command = new Command("modify-server", "Change a key server's timeout or credentials") { vserver, server, timeout, username };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var body = new JsonObject();
            if (parse.GetValue(timeout) is { } seconds)
            {
                body["timeout"] = seconds;
            }
            if (parse.GetValue(username) is { } user)
            {
                body["username"] = user;
                body["password"] = Secrets.Read(io, $"Password for {user} on the key server");
            }
            if (body.Count == 0)
            {
                throw new CliException(CliExit.Usage, "Give -timeout or -username.");
            }
            var uuid = KeyManagers.Uuid(await KeyManagers.ExternalAsync(client, parse.GetValue(vserver)));
            var answer = await client.SendAsync(HttpMethod.Patch, $"{KeyManagers.Path}/{uuid}/key-servers/{Uri.EscapeDataString(parse.GetValue(server)!)}", body);
            output.Done("The key server is modified.", answer);
        });
    }

    /// <summary>A certificate reference: a uuid when the text is one, else the certificate's name.</summary>
    private static JsonObject Certificate(string text) =>
        Guid.TryParse(text, out _) ? new JsonObject { ["uuid"] = text } : new JsonObject { ["name"] = text };

    private static JsonArray Servers(string? list) =>
        new([.. Fields.List(list).Select(JsonNode (s) => new JsonObject { ["server"] = s })]);
}
