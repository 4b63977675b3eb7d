using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

/// <summary>
/// The embedded store: one SQLite file in the data folder, WAL with full sync so an acknowledged
/// write survives a crash. Writers are serialised here rather than by SQLite's busy loop.
/// Connections stay open in a small pool of this store's own, each keeping its prepared statements
/// (<see cref="StatementCachingConnection"/>): reopening and re-parsing cost more than the queries.
/// </summary>
public sealed class SqliteStore : IStore, IDisposable
{
    /// <summary>Idle connections kept; more may be open at once, the surplus is closed when returned.</summary>
    private static readonly int MaxIdle = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly string connectionString;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentStack<StatementCachingConnection> idle = new();
    private volatile bool disposed;

    public SqliteStore(string path)
    {
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // This store pools its own open connections (with their statements); closing one really closes it.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public string Kind => "sqlite";

    public static string TypeTokens(string sql) => sql.Replace("{blob}", "BLOB", StringComparison.Ordinal);

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var connection = Rent();
        T result;
        try
        {
            result = await work(connection, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        Return(connection);
        return result;
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = Rent();
            T result;
            try
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                result = await work(connection, transaction, cancellationToken);
                await transaction.CommitAsync(CancellationToken.None);
            }
            catch
            {
                // Whatever failed (the work, the commit), this connection is not handed out again.
                await connection.DisposeAsync();
                throw;
            }
            Return(connection);
            return result;
        }
        finally
        {
            writeLock.Release();
        }
    }

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

    public void Dispose()
    {
        disposed = true;
        while (idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
        writeLock.Dispose();
    }
}
