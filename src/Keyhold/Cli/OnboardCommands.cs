using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>
/// `security key-manager onboard enable | update-passphrase | sync | show-backup`. Passphrases are typed without echo
/// (twice when new) or read one line each from standard input; never taken from an option.
/// </summary>
public static class OnboardCommands
{
    private const string Passphrase = "Cluster-wide passphrase";

    public static Command Enable(CliOptions options, CliIo io)
    {
        var ccMode = Remote.Option<bool>("cc-mode-enabled", "Then turn Common Criteria mode on (ONTAP 9.10+; the passphrase needs 64 to 256 characters)");
        var command = new Command("enable", "Enable the Onboard Key Manager; prompts for the cluster-wide passphrase") { ccMode };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var passphrase = Secrets.ReadNew(io, Passphrase);
            var answer = await client.SendAsync(HttpMethod.Post, KeyManagers.Path + "?return_records=true",
                new JsonObject { ["onboard"] = new JsonObject { ["passphrase"] = passphrase } });
            if (parse.GetValue(ccMode))
            {
                // ONTAP's onboard enable -cc-mode-enabled: the same as config modify -cc-mode-enabled true afterwards.
                await client.SendAsync(HttpMethod.Patch, ConfigCommands.Path, new JsonObject { ["cc_mode_enabled"] = true, ["passphrase"] = passphrase });
            }
            output.Done("The Onboard Key Manager is enabled. Save its backup: security key-manager onboard show-backup", answer);
        });
    }

    public static Command UpdatePassphrase(CliOptions options, CliIo io)
    {
        var command = new Command("update-passphrase", "Change the cluster-wide passphrase; prompts for the current and the new one");
        return command.Define(options, io, async (parse, client, output) =>
        {
            var uuid = KeyManagers.Uuid(await KeyManagers.OnboardAsync(client));
            var existing = Secrets.Read(io, "Current " + Passphrase.ToLowerInvariant());
            var passphrase = Secrets.ReadNew(io, "New " + Passphrase.ToLowerInvariant());
            var answer = await client.SendAsync(HttpMethod.Patch, $"{KeyManagers.Path}/{uuid}",
                new JsonObject { ["onboard"] = new JsonObject { ["existing_passphrase"] = existing, ["passphrase"] = passphrase } });
            output.Done("The cluster-wide passphrase is changed. Save the new backup: security key-manager onboard show-backup", answer);
        });
    }

    public static Command Sync(CliOptions options, CliIo io)
    {
        var command = new Command("sync", "Give every node a copy of the onboard root key; prompts for the cluster-wide passphrase");
        return command.Define(options, io, async (parse, client, output) =>
        {
            var uuid = KeyManagers.Uuid(await KeyManagers.OnboardAsync(client));
            var existing = Secrets.Read(io, Passphrase);
            var answer = await client.SendAsync(HttpMethod.Patch, $"{KeyManagers.Path}/{uuid}",
                new JsonObject { ["onboard"] = new JsonObject { ["synchronize"] = true, ["existing_passphrase"] = existing } });
            output.Done("Every node holds the onboard root key.", answer);
        });
    }

    public static Command ShowBackup(CliOptions options, CliIo io)
    {
        var command = new Command("show-backup", "Print the Onboard Key Manager's backup, to keep with the passphrase");
        return command.Define(options, io, async (parse, client, output) =>
        {
            var onboard = await KeyManagers.OnboardAsync(client, "onboard.key_backup");
            output.Text(Fields.Text(onboard, "onboard.key_backup") ?? "", onboard);
        });
    }
}
