using Keyhold.Cluster;
using Keyhold.Onboard;
using Keyhold.Storage;

namespace Keyhold.Tests.Support;

/// <summary>
/// What services need underneath, without a host: a migrated SQLite store in a temp folder, this node registered in the
/// cluster, the cluster secret and a <see cref="ManualClock"/>.
/// </summary>
public sealed class ServiceStore : IDisposable
{
    private ServiceStore(string dir, SqliteStore store, NodeIdentity node, NodeKey nodeKey, ClusterSecret secret, ManualClock clock)
    {
        (DataDir, Store, Node, NodeKey, Secret, Clock) = (dir, store, node, nodeKey, secret, clock);
    }

    public string DataDir { get; }

    public SqliteStore Store { get; }

    public NodeIdentity Node { get; }

    public NodeKey NodeKey { get; }

    public ClusterSecret Secret { get; }

    public ManualClock Clock { get; }

    public static async Task<ServiceStore> CreateAsync(DateTimeOffset? now = null)
    {
        var dir = TempDir.Create();
        var store = new SqliteStore(Path.Combine(dir, "keyhold.db"));
        await SchemaSteps.ApplyAsync(store);
        var node = NodeIdentity.LoadOrCreate(dir, "node-1");
        var nodeKey = NodeKey.LoadOrCreate(Path.Combine(dir, "node-key.pem"));
        await new ClusterRepository(store).EnsureAsync(node, nodeKey.PublicKey);
        var secret = new ClusterSecret();
        await secret.InitializeAsync(store, nodeKey, node.Uuid, CancellationToken.None);
        return new ServiceStore(dir, store, node, nodeKey, secret, new ManualClock(now ?? DateTimeOffset.UtcNow));
    }

    public List<object?[]> Rows(string sql) => StoreProbe.Rows(DataDir, sql);

    public long Count(string table) => StoreProbe.Count(DataDir, table);

    public void Dispose()
    {
        Secret.Dispose();
        NodeKey.Dispose();
        Store.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on some platform: the temp folder is cleaned up later
        }
    }
}
