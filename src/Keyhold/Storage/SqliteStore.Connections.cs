using System.Collections.Concurrent;

namespace Keyhold.Storage;

// The store's own pool of open connections, each keeping its prepared statements.
public sealed partial class SqliteStore
{
    /// <summary>Idle connections kept; more may be open at once, the surplus is closed when returned.</summary>
    private static readonly int MaxIdle = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly ConcurrentStack<StatementCachingConnection> idle = new();

    private StatementCachingConnection Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return idle.TryPop(out var connection) ? connection : Open();
    }

    private void Return(StatementCachingConnection connection)
    {
        if (disposed || idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }
        idle.Push(connection);
        if (disposed && idle.TryPop(out var late))
        {
            late.Dispose(); // raced with Dispose: close it here
        }
    }

    private StatementCachingConnection Open()
    {
        var connection = new StatementCachingConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // synchronous is per connection: FULL makes every commit durable in WAL mode. Set once, as the connection lives on.
            command.CommandText = "PRAGMA synchronous=FULL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
