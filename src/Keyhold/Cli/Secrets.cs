using Spectre.Console;

namespace Keyhold.Cli;

/// <summary>
/// Reads passwords and passphrases: typed without echo at a terminal (on standard error, so --json output stays clean),
/// or one line each from standard input when it is not a terminal (scripts). Never from an option.
/// </summary>
public static class Secrets
{
    public static string Read(CliIo io, string prompt)
    {
        if (!io.Terminal)
        {
            return io.In.ReadLine() ?? throw new CliException(CliExit.Usage, $"standard input ended before the {prompt.ToLowerInvariant()} was read.");
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Error) });
        return console.Prompt(new TextPrompt<string>(Markup.Escape(prompt) + ":").Secret(null).AllowEmpty());
    }

    /// <summary>A new secret: at a terminal typed twice, as ONTAP asks, and refused when the two differ.</summary>
    public static string ReadNew(CliIo io, string prompt)
    {
        var first = Read(io, prompt);
        if (io.Terminal && Read(io, "Re-enter the " + prompt.ToLowerInvariant()) != first)
        {
            throw new CliException(CliExit.Usage, "The two entries do not match.");
        }
        return first;
    }
}
