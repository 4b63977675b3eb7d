using Keyhold.Cluster;
using Keyhold.Onboard;
using Keyhold.Security;
using Keyhold.Storage;
using Microsoft.Extensions.Options;

namespace Keyhold.Hosting;

/// <summary>
/// Start-up of a node: data folder, store and migrations, node identity and key, cluster
/// membership, the admin account. Runs once, before the first request.
/// </summary>
public sealed class Bootstrap(IOptions<KeyholdOptions> options, IStore store, ILogger<Bootstrap> logger) : IDisposable
{
    private ClusterContext? context;

    public IStore Store => store;

    public NodeIdentity Node { get; } = NodeIdentity.LoadOrCreate(EnsureDataDir(options.Value), options.Value.NodeName);

    public NodeKey NodeKey { get; } = NodeKey.LoadOrCreate(Path.Combine(options.Value.DataDir, "node-key.pem"));

    public ClusterSecret Secret { get; } = new();

    public ClusterContext Context => context ?? throw new InvalidOperationException("Bootstrap.InitializeAsync has not run.");

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await SchemaSteps.ApplyAsync(Store, ct);
        var cluster = await new ClusterRepository(Store).EnsureAsync(Node, NodeKey.PublicKey, ct);
        context = new ClusterContext(cluster, Node);
        await Secret.InitializeAsync(Store, NodeKey, Node.Uuid, ct);
        var admin = await new AccountRepository(Store).EnsureAdminAsync(options.Value.AdminPassword, ct);
        if (admin.GeneratedPassword is { } generated)
        {
            // Printed once, to the console only, so the operator can log in; never logged.
            Console.WriteLine($"Keyhold created the account 'admin' with the password: {generated}");
        }
        else if (!admin.Created && !string.IsNullOrEmpty(options.Value.AdminPassword))
        {
            // Silently ignoring it would let an operator believe the password changed. The value itself is never logged.
            logger.LogWarning("KEYHOLD_ADMIN_PASSWORD is ignored: the account 'admin' already exists. Change its password with " +
                "POST /api/security/authentication/password (keyhold security login password), or, when it is lost, with " +
                "keyhold host reset-password on the stopped node's data folder.");
        }
        logger.LogInformation("Node {Node} ({Uuid}) of cluster {Cluster} using the {Store} store in {DataDir}",
            Node.Name, Node.Uuid, cluster.Uuid, Store.Kind, Path.GetFullPath(options.Value.DataDir));
    }

    private static string EnsureDataDir(KeyholdOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(options.DataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return options.DataDir;
    }

    public void Dispose()
    {
        Secret.Dispose();
        NodeKey.Dispose();
    }
}
