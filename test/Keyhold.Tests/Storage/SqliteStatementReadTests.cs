using Keyhold.Ontap;
using Keyhold.Storage;
using Keyhold.Storage.Query;
using Keyhold.Tests.Ontap;
using Keyhold.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;

namespace Keyhold.Tests.Storage;

/// <summary>
/// A page is read as one statement without BEGIN and COMMIT around it (<see cref="IStore.ReadStatementAsync"/>). SQLite
/// then holds the statement's snapshot until the statement is reset, so a page that stops early (a full page, a timeout)
/// must not leave its pooled connection reading: an open read would keep the WAL from ever being checkpointed.
/// </summary>
public sealed class SqliteStatementReadTests
{
    [Theory]
    [InlineData(1)]   // stopped after the first row
    [InlineData(100)] // read to the end
    public async Task A_streamed_page_leaves_no_read_open(int take)
    {
        var dir = TempDir.Create();
        using var store = StoreFixtures.Sqlite(dir);
        await store.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "CREATE TABLE widgets (uuid TEXT PRIMARY KEY, name TEXT NOT NULL)", t);
            for (var i = 0; i < 20; i++)
                await Db.ExecuteAsync(c, tx, "INSERT INTO widgets VALUES (@u, @n)", t, ("@u", Guid.NewGuid().ToString()), ("@n", $"t{i:D2}"));
            return 0;
        });

        var seen = new List<string>();
        // The widgets' schema names the columns uuid and name, as this table has them.
        var plan = SqlTranslator.Build(CollectionQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery("order_by=name")), Widgets.Schema), Widgets.Schema, store.Dialect);
        await store.StreamPageAsync("SELECT name FROM widgets", plan, r => r.GetString(0), name =>
        {
            seen.Add(name);
            return ValueTask.FromResult(seen.Count < take);
        }, CancellationToken.None);
        Assert.Equal(Math.Min(take, 20), seen.Count);
        Assert.Equal("t00", seen[0]);

        // Another connection truncates the WAL: it can only when no connection still reads from it.
        using var other = new SqliteConnection($"Data Source={Path.Combine(dir, "keyhold.db")};Pooling=False");
        other.Open();
        using (var noWait = other.CreateCommand())
        {
            noWait.CommandText = "PRAGMA busy_timeout = 0";
            noWait.ExecuteNonQuery();
        }
        using var checkpoint = other.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var reader = checkpoint.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(0L, reader.GetInt64(0)); // busy: 0 when nothing held it back
        Assert.Equal(0L, reader.GetInt64(1)); // the WAL was emptied
    }
}
