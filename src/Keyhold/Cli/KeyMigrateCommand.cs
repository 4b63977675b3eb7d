using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>
/// `security key-manager key migrate -from-vserver A -to-vserver B`: moves a data Vserver's keys between the admin
/// Vserver's key manager (named by the cluster's name) and the data Vserver's own, over
/// POST /api/security/key-managers/{source}/migrate, and waits for its job.
/// </summary>
public static class KeyMigrateCommand
{
    public static Command Build(CliOptions options, CliIo io)
    {
        var from = Remote.Option<string>("from-vserver", "The Vserver whose key manager the keys leave (the cluster's name for the admin Vserver)", required: true);
        var to = Remote.Option<string>("to-vserver", "The Vserver whose key manager the keys move to", required: true);
        var command = new Command("migrate", "Migrate a data Vserver's keys between the admin Vserver's key manager and its own") { from, to };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var source = await EnabledAsync(client, cluster, parse.GetValue(from)!);
            var destination = await EnabledAsync(client, cluster, parse.GetValue(to)!);
            var answer = await client.SendAsync(HttpMethod.Post, $"{KeyManagers.Path}/{source}/migrate", new JsonObject { ["uuid"] = destination });
            output.Done($"The keys moved from Vserver \"{parse.GetValue(from)}\"'s key manager to Vserver \"{parse.GetValue(to)}\"'s.", answer);
        });
    }

    // The key manager that serves the Vserver's keys now; the node itself decides which moves are allowed.
    private static async Task<string> EnabledAsync(OntapClient client, string cluster, string vserver)
    {
        var found = (await KeyManagers.ListAsync(client, cluster, vserver, "uuid")).FirstOrDefault();
        return KeyManagers.Uuid(found ?? throw new CliException(CliExit.OntapError, $"No key manager is configured for Vserver \"{vserver}\"."));
    }
}
