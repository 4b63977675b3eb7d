namespace Keyhold.Cli;

/// <summary>What `keyhold --help` prints: every command of the program.</summary>
public static class CliUsage
{
    public const string Text = """
        usage: keyhold serve [--urls https://127.0.0.1:PORT] [--data DIR]
               keyhold security key-manager onboard recover --backup FILE [--data DIR]

        KEYHOLD_ADMIN_PASSWORD sets the admin password on first start (otherwise one is printed once).
        recover reads the passphrase from KEYHOLD_PASSPHRASE, or from standard input (one line; typed without echo at a terminal).
        """;
}
