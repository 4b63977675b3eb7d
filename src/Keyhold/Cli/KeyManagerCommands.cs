using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>`security key-manager show` and `show-keystore`.</summary>
public static class KeyManagerCommands
{
    public static Command Show(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Show only this Vserver's key manager");
        var command = new Command("show", "Show the key managers, their type and status") { vserver };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var records = await KeyManagers.ListAsync(client, cluster, parse.GetValue(vserver), "scope,svm.name,onboard.enabled,external.servers.server,status");
            output.Table(records, ["Vserver", "Type", "Scope", "Key Servers", "Status", "UUID"], km =>
            [
                KeyManagers.Vserver(km, cluster),
                KeyManagers.IsOnboard(km) ? "onboard" : "external",
                Fields.Text(km, "scope"),
                Fields.Text(km, "external.servers"),
                Fields.Text(km, "status.message"),
                KeyManagers.Uuid(km),
            ]);
        });
    }

    public static Command ShowKeystore(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Show only this Vserver's keystore");
        var command = new Command("show-keystore", "Show which keystore (onboard or external) each Vserver uses") { vserver };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var records = await KeyManagers.ListAsync(client, cluster, parse.GetValue(vserver), "scope,svm.name,onboard.enabled");
            output.Table(records, ["Vserver", "Keystore", "Type"], km =>
            [
                KeyManagers.Vserver(km, cluster),
                KeyManagers.IsOnboard(km) ? "onboard" : "external",
                KeyManagers.IsOnboard(km) ? "OKM" : "KMIP",
            ]);
        });
    }
}
