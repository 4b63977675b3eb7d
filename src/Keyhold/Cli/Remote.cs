using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>
/// Runs a remote command: opens the connection, hands the verb a client and an output, and turns every failure into
/// one line on standard error and an exit code. Nothing is opened before the command has parsed, so --help is free.
/// </summary>
public static class Remote
{
    public delegate Task Verb(ParseResult parse, OntapClient client, CliOutput output);

    public static Command Define(this Command command, CliOptions options, CliIo io, Verb verb)
    {
        options.Add(command);
        command.SetAction(async parse =>
        {
            try
            {
                using var client = Connection.Open(parse, options, io);
                await verb(parse, client, new CliOutput(io, parse.GetValue(options.Json)));
                return CliExit.Ok;
            }
            catch (CliException e)
            {
                await io.Error.WriteLineAsync(e.Render());
                return e.ExitCode;
            }
        });
        return command;
    }

    /// <summary>An ONTAP-style option: "-vserver", also accepted as "--vserver".</summary>
    public static Option<T> Option<T>(string name, string description, bool required = false) =>
        new("-" + name, "--" + name) { Description = description, Required = required };
}
