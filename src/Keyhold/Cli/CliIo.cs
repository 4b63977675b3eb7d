namespace Keyhold.Cli;

/// <summary>The process's streams and environment, passed in so the commands never reach for globals.</summary>
public sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error, Func<string, string?> Environment, bool Terminal)
{
    public static CliIo FromConsole() =>
        new(Console.In, Console.Out, Console.Error, System.Environment.GetEnvironmentVariable, !Console.IsInputRedirected);
}
