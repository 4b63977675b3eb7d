using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

/// <summary>
/// The embedded store: one SQLite file in the data folder, WAL with full sync so an acknowledged
/// write survives a crash. Writers are serialised here rather than by SQLite's busy loop.
/// </summary>
public sealed class SqliteStore : IStore, IDisposable
{
    private readonly string connectionString;
    private readonly SemaphoreSlim writeLock = new(1, 1);

    public SqliteStore(string path)
    {
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
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
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return await work(connection, cancellationToken);
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>A connection for a write; reads skip the pragma, since synchronous only matters to commits.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // synchronous is per connection: FULL makes every commit durable in WAL mode.
        command.CommandText = "PRAGMA synchronous=FULL;";
        await command.ExecuteNonQueryAsync(ct);
        return connection;
    }

    public void Dispose() => writeLock.Dispose();
}
