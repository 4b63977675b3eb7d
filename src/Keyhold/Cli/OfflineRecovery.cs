using Keyhold.Cluster;
using Keyhold.KmipObjects;
using Keyhold.Onboard;
using Keyhold.Security;
using Keyhold.Storage;

namespace Keyhold.Cli;

/// <summary>
/// The host side of `keyhold security key-manager onboard recover`: opens only what recovery needs in a stopped node's
/// data folder (the SQLite store and its schema steps, the node's identity and key, its row in the cluster, and the
/// admin account a first start would make), then hands the opened hierarchy to the onboard recovery. No service container.
/// </summary>
public static class OfflineRecovery
{
    public const string DefaultDataDir = "data";

    public static async Task<RecoveryResult> RunAsync(RecoveredHierarchy hierarchy, string dataDir, string? adminPassword, TextWriter output, CancellationToken ct)
    {
        CreateDataDir(dataDir);
        using var store = new SqliteStore(Path.Combine(dataDir, "keyhold.db"));
        var node = NodeIdentity.LoadOrCreate(dataDir, null);
        using var nodeKey = NodeKey.LoadOrCreate(Path.Combine(dataDir, "node-key.pem"));
        await SchemaSteps.ApplyAsync(store, ct);
        var cluster = new ClusterRepository(store);
        await cluster.EnsureAsync(node, nodeKey.PublicKey, ct);
        if ((await new AccountRepository(store).EnsureAdminAsync(adminPassword, ct)).GeneratedPassword is { } generated)
        {
            // Printed once so the operator can log in at the first start; never logged.
            await output.WriteLineAsync($"Keyhold created the account 'admin' with the password: {generated}");
        }
        return await new OnboardRecoveryService(store, cluster, TimeProvider.System, participants: [new KmipObjectBackup()]).RecoverAsync(hierarchy, ct);
    }

    /// <summary>As at a node's first start: the folder holds the node's private key, so only its owner may enter it.</summary>
    private static void CreateDataDir(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
