using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage;

/// <summary>
/// The SQLite store's version (<see cref="IStore.VersionAsync(CancellationToken)"/>), which kept answers are checked
/// against: every committed write moves it, whichever store object (node) on the file made it; a read or a write that
/// failed and left nothing leaves it; inside a read it is that read's snapshot.
/// </summary>
public sealed class SqliteStoreVersionTests
{
    [Fact]
    public async Task Every_commit_on_the_file_moves_the_version_and_nothing_else_does()
    {
        var file = Path.Combine(TempDir.Create(), "keyhold.db");
        using var one = new SqliteStore(file);
        using var other = new SqliteStore(file);
        await one.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "CREATE TABLE f (k INTEGER PRIMARY KEY)", t));
        var start = await one.VersionAsync();
        Assert.NotNull(start);

        await one.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (1)", t));
        var afterOwn = await one.VersionAsync();
        Assert.NotEqual(start, afterOwn);
        Assert.Equal(afterOwn, await other.VersionAsync());

        // A write by another store object (another node on the same file) moves it for this one too.
        await other.WriteUnflushedAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (2)", t));
        var afterOther = await one.VersionAsync();
        Assert.NotEqual(afterOwn, afterOther);

        // Reads, and a write that failed (nothing of it landed), leave it.
        Assert.Equal(2L, await one.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM f", t)));
        await Assert.ThrowsAnyAsync<Exception>(() => one.WriteAsync<int>((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (1)", t)));
        Assert.Equal(afterOther, await one.VersionAsync());

        // Inside a read, the version is that of the read's snapshot, even when a write commits meanwhile.
        var (inRead, rows) = await one.ReadAsync(async (c, t) =>
        {
            var version = await one.VersionAsync(c, t);
            await other.WriteAsync((c2, tx, t2) => Db.ExecuteAsync(c2, tx, "INSERT INTO f (k) VALUES (3)", t2), CancellationToken.None);
            return (version, await Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM f", t));
        });
        Assert.Equal(afterOther, inRead);
        Assert.Equal(2L, rows);
        Assert.NotEqual(afterOther, await one.VersionAsync());
    }
}
