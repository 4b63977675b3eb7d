namespace Keyhold.Cli;

/// <summary>The usage line of the offline recovery, printed when its own argument check fails.</summary>
public static class CliUsage
{
    public const string Text = """
        usage: keyhold host recover --backup FILE [--data DIR]
               (also: keyhold security key-manager onboard recover --backup FILE [--data DIR])

        recover reads the passphrase from KEYHOLD_PASSPHRASE, or from standard input (one line; typed without echo at a terminal).
        See keyhold --help for every command.
        """;
}
