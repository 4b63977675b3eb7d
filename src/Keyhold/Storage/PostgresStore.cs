using System.Data.Common;
using Keyhold.Storage.Query;
using Npgsql;

namespace Keyhold.Storage;

/// <summary>
/// The shared store for clusters of several nodes. Writers take one transaction-scoped advisory lock,
/// so changes apply one at a time across every node, as with the embedded store.
/// </summary>
public sealed class PostgresStore(string connectionString, StoreMetrics? metrics = null) : IStore, IDisposable
{
    /// <summary>Arbitrary, fixed: the advisory lock that serialises Keyhold's writers.</summary>
    private const long WriteLock = 0x4B6579686F6C64;

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public string Kind => "postgres";

    public ISqlDialect Dialect => PostgresDialect.Instance;

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await work(connection, cancellationToken);
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var committed = false;
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Db.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@k)", cancellationToken, ("@k", WriteLock));
            var result = await work(connection, transaction, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            committed = true;
            return result;
        }
        finally
        {
            metrics?.Committed(Kind, System.Diagnostics.Stopwatch.GetElapsedTime(started), 1, committed);
        }
    }

    public void Dispose() => dataSource.Dispose();
}
