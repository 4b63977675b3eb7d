using Keyhold.Onboard;
using Keyhold.Ontap;

namespace Keyhold.Cli;

/// <summary>
/// `keyhold security key-manager onboard recover --backup FILE [--data DIR]`: rebuilds the onboard hierarchy in a
/// data folder from a key_backup. The passphrase comes from KEYHOLD_PASSPHRASE or standard input, never from the
/// command line (where other users could read it), and is never echoed. The backup is opened and every key checked
/// before the data folder is touched.
/// </summary>
public static class RecoverCommand
{
    public const string PassphraseVariable = "KEYHOLD_PASSPHRASE";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, Func<string, string?> environment, bool terminal)
    {
        string? backupFile = null, dataDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--backup" when i + 1 < args.Length:
                    backupFile = args[++i];
                    break;
                case "--data" when i + 1 < args.Length:
                    dataDir = args[++i];
                    break;
                default:
                    await error.WriteLineAsync(CliUsage.Text);
                    return 2;
            }
        }
        if (backupFile is null)
        {
            await error.WriteLineAsync(CliUsage.Text);
            return 2;
        }
        try
        {
            var backup = await File.ReadAllTextAsync(backupFile);
            var passphrase = environment(PassphraseVariable) ?? PassphraseReader.Read(input, error, terminal) ?? "";
            using var hierarchy = OnboardRecoveryService.Open(backup, passphrase);
            var result = await OfflineRecovery.RunAsync(hierarchy, dataDir ?? OfflineRecovery.DefaultDataDir, environment("KEYHOLD_ADMIN_PASSWORD"), output, CancellationToken.None);
            await output.WriteLineAsync($"Recovered the Onboard Key Manager {result.KeyManager.Uuid}: {Count(result.Keys, "key")}, {Count(result.Volumes, "volume")} re-attached.");
            return 0;
        }
        catch (Exception e) when (e is OntapException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("keyhold: " + e.Message);
            return 1;
        }
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
