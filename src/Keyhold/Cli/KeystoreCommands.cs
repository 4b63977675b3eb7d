using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>
/// `security key-manager keystore show | enable | delete` (ONTAP 9.14+): the key-manager configurations of each Vserver,
/// enabled or inactive, over /api/security/key-stores. A configuration is named by its Vserver and keystore type
/// (okm or kmip), since every configuration is named "default".
/// </summary>
public static class KeystoreCommands
{
    private const string Path = "/api/security/key-stores";

    public static Command Group(CliOptions options, CliIo io) =>
        new("keystore", "Key-manager configurations: show, enable (switch to) an inactive one, delete an inactive one")
        {
            Show(options, io), Enable(options, io), Delete(options, io),
        };

    private static Command Show(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Show only this Vserver's configurations");
        var command = new Command("show", "Show every configuration, enabled or not, with its state") { vserver };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var records = await ListAsync(client, cluster, parse.GetValue(vserver));
            output.Table(records, ["Vserver", "Config Name", "Type", "Enabled", "State", "UUID"], ks =>
            [
                Fields.Text(ks, "svm.name") ?? cluster,
                Fields.Text(ks, "configuration.name"),
                Fields.Text(ks, "type"),
                Fields.Text(ks, "enabled"),
                Fields.Text(ks, "state") ?? "-",
                Fields.Text(ks, "uuid"),
            ]);
        });
    }

    private static Command Enable(CliOptions options, CliIo io)
    {
        var (vserver, type) = Selectors();
        var command = new Command("enable", "Enable an inactive configuration; if another is enabled, its keys move to this one and it stays inactive") { vserver, type };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var uuid = await FindAsync(client, parse.GetValue(vserver), parse.GetValue(type)!);
            var answer = await client.SendAsync(HttpMethod.Patch, $"{Path}/{uuid}", new JsonObject { ["enabled"] = true });
            output.Done($"The {parse.GetValue(type)} configuration is enabled.", answer);
        });
    }

    private static Command Delete(CliOptions options, CliIo io)
    {
        var (vserver, type) = Selectors();
        var command = new Command("delete", "Delete an inactive configuration with its wrapped keys and key servers") { vserver, type };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var uuid = await FindAsync(client, parse.GetValue(vserver), parse.GetValue(type)!);
            var answer = await client.SendAsync(HttpMethod.Delete, $"{Path}/{uuid}", null);
            output.Done($"The inactive {parse.GetValue(type)} configuration is deleted.", answer);
        });
    }

    private static (Option<string?> Vserver, Option<string> Type) Selectors() =>
        (Remote.Option<string?>("vserver", "The Vserver (default: the cluster's own)"),
         Remote.Option<string>("type", "The keystore type: okm or kmip", required: true));

    // The inactive configuration of that type: enabling and deleting only ever act on inactive ones.
    private static async Task<string> FindAsync(OntapClient client, string? vserver, string type)
    {
        var cluster = await KeyManagers.ClusterNameAsync(client);
        var found = (await ListAsync(client, cluster, vserver)).FirstOrDefault(ks => Fields.Text(ks, "type") == type && Fields.Text(ks, "enabled") == "false");
        return Fields.Text(found ?? throw new CliException(CliExit.OntapError,
            $"There is no inactive {type} configuration for Vserver \"{vserver ?? cluster}\"."), "uuid")!;
    }

    private static Task<List<JsonObject>> ListAsync(OntapClient client, string cluster, string? vserver) =>
        client.RecordsAsync(Path, ("fields", "*"),
            ("scope", vserver is null ? null : vserver == cluster ? "cluster" : null),
            ("svm.name", vserver is null || vserver == cluster ? null : vserver));
}
