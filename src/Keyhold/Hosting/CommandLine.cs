using System.CommandLine;
using Keyhold.Cli;

namespace Keyhold.Hosting;

/// <summary>
/// The program's command line: `keyhold serve` runs a node; every other command is a client of a running node
/// (Cli/) or an offline host command. Parsing comes first, so --help and --version start nothing and create nothing.
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return await ServeCommand.ServeAsync(null, null, args);
        }
        // A test host (WebApplicationFactory) calls the entry point with only --key=value settings: serve with them. It
        // binds no port (TestServer), so a node already on the default port must not stop it; a real bind that fails
        // is still reported by ServeAsync.
        if (args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)))
        {
            return await ServeCommand.ServeAsync(null, null, args, standalone: false);
        }
        var root = Root(CliIo.FromConsole());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("Error: " + error.Message);
            }
            await Console.Error.WriteLineAsync($"See: keyhold {string.Join(' ', CommandPath(parse))} --help");
            return CliExit.Usage;
        }
        return await parse.InvokeAsync();
    }

    public static RootCommand Root(CliIo io)
    {
        var root = new RootCommand("Keyhold: a key management service with NetApp ONTAP's REST API for key managers. " +
            "`keyhold serve` runs a node; the other commands are ONTAP's CLI verbs, sent over REST to a running node.");
        root.Subcommands.Add(ServeCommand.Build());
        foreach (var command in CliCommands.Build(io))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result?.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }
        return names;
    }
}
