using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

/// <summary>
/// Counts the commits any connection made to one SQLite file, as seen from one connection of its own that never writes:
/// SQLite's <c>PRAGMA data_version</c> answers a different value on a connection whenever another connection (this
/// process's writer, another node on the file, a <c>sqlite3</c> shell) committed since its last call. That connection is
/// this class's alone and asked under a lock, so each call compares with the one before it and the count only grows.
/// <para>
/// It replaced a version in the database header (<c>user_version</c>) that Keyhold's writer loop moved in every commit:
/// that cost every commit one more WAL page and statement, and missed SQL run by hand or an older node on the file.
/// This one costs the writers nothing and moves whatever wrote the file, so answers kept against it
/// (<see cref="IStore.ChangeStampAsync"/>) stay exact.
/// </para>
/// </summary>
internal sealed class SqliteChangeCounter(string connectionString) : IDisposable
{
    private readonly Lock gate = new();
    private SqliteConnection? connection;
    private SqliteCommand? ask;
    private long lastSeen = long.MinValue;
    private long count;

    /// <summary>The count now: the same number as the last call's only when nothing was committed in between.</summary>
    public long Read()
    {
        lock (gate)
        {
            try
            {
                var seen = (long)(ask ??= Open()).ExecuteScalar()!;
                if (seen != lastSeen)
                {
                    (lastSeen, count) = (seen, count + 1);
                }
                return count;
            }
            catch
            {
                // A broken connection starts over; a fresh one has no history, so the count moves on reopening.
                Close();
                lastSeen = long.MinValue;
                throw;
            }
        }
    }

    private SqliteCommand Open()
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        command.Prepare();
        return command;
    }

    private void Close()
    {
        ask?.Dispose();
        connection?.Dispose();
        (ask, connection) = (null, null);
    }

    public void Dispose()
    {
        lock (gate)
        {
            Close();
        }
    }
}
