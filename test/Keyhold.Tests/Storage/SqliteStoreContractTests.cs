using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage;

/// <summary>The store contract on the embedded store; a second node opens the same file.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly string dir = TempDir.Create();

    protected override IStore OpenStore() => StoreFixtures.Sqlite(dir);

    protected override IStore OpenSecondNode() => StoreFixtures.Sqlite(dir);

    /// <summary>
    /// An unflushed batch lowers its connection to synchronous=NORMAL for one commit; every pooled connection must be
    /// back at FULL (2) afterwards, or later key writes would be acknowledged before they are on disk.
    /// </summary>
    [Fact]
    public async Task After_unflushed_writes_every_pooled_connection_commits_with_full_sync_again()
    {
        _ = Store; // made once, before the racing writers
        await Store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "CREATE TABLE f (k INTEGER PRIMARY KEY)", t));
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => i % 3 == 0
            ? Store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (@k)", t, ("@k", (long)i)))
            : Store.WriteUnflushedAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (@k)", t, ("@k", (long)i))))));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Hold many reads open at once so the pool hands out every connection it keeps.
        var levels = Enumerable.Range(0, 16).Select(_ => Store.ReadAsync(async (c, t) =>
        {
            var level = (long)(await Db.ScalarAsync(c, null, "PRAGMA synchronous", t))!;
            await gate.Task;
            return level;
        })).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(levels), level => Assert.Equal(2L, level));
        Assert.Equal(200L, (long?)await Store.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM f", t)));
    }
}
