using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Hosting;

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
                    await error.WriteLineAsync(CommandLine.Usage);
                    return 2;
            }
        }
        if (backupFile is null)
        {
            await error.WriteLineAsync(CommandLine.Usage);
            return 2;
        }
        try
        {
            var backup = await File.ReadAllTextAsync(backupFile);
            var passphrase = environment(PassphraseVariable) ?? PassphraseReader.Read(input, error, terminal) ?? "";
            using var hierarchy = OnboardRecoveryService.Open(backup, passphrase);
            var result = await RecoverAsync(hierarchy, dataDir, environment);
            await output.WriteLineAsync($"Recovered the Onboard Key Manager {result.KeyManager.Uuid}: {result.Keys} keys, {result.Volumes} volumes re-attached.");
            return 0;
        }
        catch (Exception e) when (e is OntapException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("keyhold: " + e.Message);
            return 1;
        }
    }

    /// <summary>Opens the data folder as a node does at start-up (store, migrations, identity), then stores the hierarchy.</summary>
    private static async Task<RecoveryResult> RecoverAsync(Onboard.RecoveredHierarchy hierarchy, string? dataDir, Func<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{KeyholdOptions.Section}:DataDir"] = dataDir ?? new KeyholdOptions().DataDir,
            [$"{KeyholdOptions.Section}:AdminPassword"] = environment("KEYHOLD_ADMIN_PASSWORD"),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging().AddKeyhold(configuration).BuildServiceProvider();
        await services.GetRequiredService<Bootstrap>().InitializeAsync();
        return await services.GetRequiredService<OnboardRecoveryService>().RecoverAsync(hierarchy, CancellationToken.None);
    }
}
