using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>
/// How every remote command reaches a node. There is deliberately no password option: a command line is readable by
/// every user of the host (ps, /proc), so the password comes from KEYHOLD_PASSWORD or a prompt.
/// </summary>
public sealed class CliOptions
{
    public const string DefaultUrl = "https://127.0.0.1:8443";

    public Option<string?> Url { get; } = new("--url") { Description = "The node's address (or KEYHOLD_URL; default " + DefaultUrl + ")" };

    public Option<string?> User { get; } = new("--user") { Description = "Account name (or KEYHOLD_USER; default admin). The password comes from KEYHOLD_PASSWORD or a prompt." };

    public Option<FileInfo?> CaCert { get; } = new("--cacert") { Description = "PEM file of the certificate (or its CA) to trust for the node's HTTPS" };

    public Option<FileInfo?> Cert { get; } = new("--cert") { Description = "PEM client certificate to present instead of a password" };

    public Option<FileInfo?> Key { get; } = new("--key") { Description = "PEM private key of --cert" };

    public Option<string> Data { get; } = new("--data")
    {
        Description = "Local data folder whose tls.crt is trusted when --cacert is not given",
        DefaultValueFactory = _ => "data",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the REST records as JSON instead of a table" };

    /// <summary>Adds the connection options (and --json) to a remote command.</summary>
    public Command Add(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(User);
        command.Options.Add(CaCert);
        command.Options.Add(Cert);
        command.Options.Add(Key);
        command.Options.Add(Data);
        command.Options.Add(Json);
        return command;
    }
}
