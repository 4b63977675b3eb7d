using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>
/// `security key-manager config show | modify`: /api/security/key-manager-configs (ONTAP 9.10+). Turning Common Criteria
/// mode on prompts for the cluster-wide passphrase (or reads it from standard input); it is never taken from an option.
/// </summary>
public static class ConfigCommands
{
    public const string Path = "/api/security/key-manager-configs";

    public static Command Show(CliOptions options, CliIo io)
    {
        var command = new Command("show", "Show the key manager configuration: Common Criteria mode, health monitor polling, cloud KMS retries");
        return command.Define(options, io, async (parse, client, output) =>
        {
            var config = await client.SendAsync(HttpMethod.Get, Path, null) as JsonObject ?? [];
            output.Table([config], ["CC-Mode Enabled", "Polling Interval (minutes)", "Cloud KMS Retry Count"], c =>
            [
                Fields.Text(c, "cc_mode_enabled"),
                Fields.Text(c, "health_monitor_polling_interval"),
                // Absent before 9.11: shown as "-", as ONTAP shows a field a release does not have.
                Fields.Text(c, "cloud_kms_retry_count") ?? "-",
            ]);
        });
    }

    public static Command Modify(CliOptions options, CliIo io)
    {
        var ccMode = Remote.Option<bool?>("cc-mode-enabled", "Common Criteria mode; turning it on prompts for the cluster-wide passphrase");
        var polling = Remote.Option<int?>("health-monitor-polling-interval", "Health monitor polling period, in minutes (15 to 30)");
        var retries = Remote.Option<int?>("cloud-kms-retry-count", "Cloud KMS connection retry count (0 to 10)");
        var command = new Command("modify", "Change the key manager configuration") { ccMode, polling, retries };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var body = new JsonObject();
            if (parse.GetValue(ccMode) is { } cc)
            {
                body["cc_mode_enabled"] = cc;
                if (cc)
                {
                    body["passphrase"] = Secrets.Read(io, "Cluster-wide passphrase");
                }
            }
            if (parse.GetValue(polling) is { } minutes)
            {
                body["health_monitor_polling_interval"] = minutes;
            }
            if (parse.GetValue(retries) is { } count)
            {
                body["cloud_kms_retry_count"] = count;
            }
            if (body.Count == 0)
            {
                throw new CliException(CliExit.Usage, "Give -cc-mode-enabled, -health-monitor-polling-interval or -cloud-kms-retry-count.");
            }
            var answer = await client.SendAsync(HttpMethod.Patch, Path, body);
            output.Done("The key manager configuration is modified.", answer);
        });
    }
}
