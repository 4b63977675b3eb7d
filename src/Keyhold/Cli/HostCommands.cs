using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>
/// `keyhold host ...`: offline commands run on a node's host against its data folder while the node is stopped. They
/// do not talk to a node, so they take no connection options.
/// </summary>
public static class HostCommands
{
    public static Command Group(CliIo io)
    {
        var host = new Command("host", "Offline commands on this host's data folder (the node must be stopped)");
        host.Subcommands.Add(Recover("recover", io));
        host.Subcommands.Add(ResetPasswordCommand.Build(io));
        return host;
    }

    /// <summary>`host recover`; also registered, hidden, under its first spelling `security key-manager onboard recover`.</summary>
    public static Command Recover(string name, CliIo io)
    {
        var backup = new Option<string>("--backup") { Description = "File holding the onboard key_backup", Required = true };
        var data = new Option<string?>("--data") { Description = "The stopped node's data folder (default ./data)" };
        var command = new Command(name, "Rebuild the onboard key hierarchy from a key_backup; the passphrase comes from KEYHOLD_PASSPHRASE or standard input")
        {
            backup,
            data,
        };
        command.SetAction(parse =>
        {
            string[] args = parse.GetValue(data) is { } dir ? ["--backup", parse.GetValue(backup)!, "--data", dir] : ["--backup", parse.GetValue(backup)!];
            return RecoverCommand.RunAsync(args, io.In, io.Out, io.Error, io.Environment, io.Terminal);
        });
        return command;
    }
}
