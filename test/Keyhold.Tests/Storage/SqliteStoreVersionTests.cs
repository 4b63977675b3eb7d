using Keyhold.Storage;
using Keyhold.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Keyhold.Tests.Storage;

/// <summary>
/// The SQLite store's change stamp (<see cref="IStore.ChangeStampAsync(CancellationToken)"/>), which kept answers are
/// checked against: every committed write moves it, whichever store object (node) on the file made it, and SQL run on the
/// file by hand too; a read or a write that failed and left nothing leaves it; and a commit made between a stamp and the
/// read it stamps moves the next stamp, so an answer is never kept under a stamp older than what it missed.
/// </summary>
public sealed class SqliteStoreVersionTests
{
    [Fact]
    public async Task Every_commit_on_the_file_moves_the_stamp_and_nothing_else_does()
    {
        var file = Path.Combine(TempDir.Create(), "keyhold.db");
        using var one = new SqliteStore(file);
        using var other = new SqliteStore(file);
        await one.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "CREATE TABLE f (k INTEGER PRIMARY KEY)", t));
        var start = await one.ChangeStampAsync();
        Assert.NotNull(start);
        Assert.Equal(start, await one.ChangeStampAsync());

        await one.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (1)", t));
        var afterOwn = await one.ChangeStampAsync();
        Assert.NotEqual(start, afterOwn);

        // A write by another store object (another node on the same file) moves it for this one too, unflushed or not.
        await other.WriteUnflushedAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (2)", t));
        var afterOther = await one.ChangeStampAsync();
        Assert.NotEqual(afterOwn, afterOther);

        // Reads, and a write that failed (nothing of it landed), leave it.
        Assert.Equal(2L, await one.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM f", t)));
        await Assert.ThrowsAnyAsync<Exception>(() => one.WriteAsync<int>((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (1)", t)));
        Assert.Equal(afterOther, await one.ChangeStampAsync());

        // SQL by hand on the file (an sqlite3 shell, a node of an older build) moves it as well.
        using (var hand = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            hand.Open();
            using var insert = hand.CreateCommand();
            insert.CommandText = "INSERT INTO f (k) VALUES (3)";
            insert.ExecuteNonQuery();
        }
        var afterHand = await one.ChangeStampAsync();
        Assert.NotEqual(afterOther, afterHand);

        // A stamp taken before a read, with a commit landing between the two: the read sees the commit, and the next
        // stamp differs, so the read's answer is never taken for current under the older stamp.
        var stamp = await one.ChangeStampAsync();
        await other.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (4)", t));
        Assert.Equal(4L, await one.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM f", t)));
        Assert.NotEqual(stamp, await one.ChangeStampAsync());
    }
}
