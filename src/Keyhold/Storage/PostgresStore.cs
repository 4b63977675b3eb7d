using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Keyhold.Storage.Query;
using Npgsql;

namespace Keyhold.Storage;

/// <summary>
/// The shared store for clusters of several nodes. Every write is one <c>SERIALIZABLE</c> transaction: PostgreSQL's
/// serializable snapshot isolation guarantees that concurrent writes, from any node, have the effect of running one
/// after the other, so every rule a write checks by reading (one key manager per SVM, at most four key servers,
/// unique names, a key still held where it is moved from, ...) holds exactly as if writers were serialised, without a
/// global lock: writes that touch different rows commit side by side, and PostgreSQL's WAL flush covers the commits
/// that wait together (group commit). When the database cannot order two writes it aborts one (SQLSTATE 40001, or
/// 40P01 for a deadlock); the write is then run again from the start, after a short random wait, for up to
/// <see cref="RetryFor"/>. Writes must therefore be re-runnable: they change nothing outside their transaction
/// (Keyhold's writes do their costly or external work before the transaction and only SQL inside it). Writes made of
/// statements alone share one transaction and one round trip with the others queued at the same time
/// (<see cref="PostgresGroupCommit"/>).
/// </summary>
public sealed class PostgresStore(string connectionString, StoreMetrics? metrics = null) : IStore, IMigrationLock, IDisposable
{
    /// <summary>
    /// How long a write keeps trying before the conflict is handed to its caller (a 500). Writers of different rows
    /// rarely conflict; writers of one hot row take turns, each losing round letting at least one through, so even
    /// hundreds at once all land well within this.
    /// </summary>
    internal static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(WithPoolSettings(connectionString));

    private PostgresGroupCommit? groupCommit;

    /// <summary>Started on first use: a store that only reads, or only migrates, runs no sender loops.</summary>
    private PostgresGroupCommit GroupCommit
    {
        get
        {
            if (Volatile.Read(ref groupCommit) is { } running)
            {
                return running;
            }
            var created = new PostgresGroupCommit(dataSource, metrics);
            if (Interlocked.CompareExchange(ref groupCommit, created, null) is { } raced)
            {
                created.Dispose();
                return raced;
            }
            return created;
        }
    }

    /// <summary>
    /// Keyhold runs a few dozen distinct statements over and over: Npgsql prepares the frequent ones on each pooled
    /// connection, so PostgreSQL parses and plans them once per connection rather than once per call (as the SQLite
    /// store keeps its statements). Keyhold sets no session state (the migration lock is released explicitly), so a
    /// pooled connection is not reset when returned: that reset is one more statement per transaction. A connection
    /// string that sets either itself is left as it is.
    /// </summary>
    private static string WithPoolSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "Auto Prepare", "AutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!Names(connectionString, "Reset On Close", "ResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static bool Names(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));

    internal const string StoreKind = "postgres";

    public string Kind => StoreKind;

    public ISqlDialect Dialect => PostgresDialect.Instance;

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await work(connection, cancellationToken);
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(work, cancellationToken);
            }
            catch (PostgresException e) when (IsConflict(e) && Stopwatch.GetElapsedTime(started) < RetryFor)
            {
                metrics?.Retried(Kind);
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>Sent with other such writes in one round trip and one transaction (<see cref="PostgresGroupCommit"/>).</summary>
    public Task<int[]> WriteStatementsAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default) =>
        GroupCommit.WriteAsync(statements, cancellationToken);

    /// <summary>
    /// Committed with synchronous_commit off for this transaction only: seen at once, flushed by the WAL writer within
    /// a few hundred milliseconds or by the next durable commit. A server crash may undo it; a key write never.
    /// </summary>
    public Task<T> WriteUnflushedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "SET LOCAL synchronous_commit = off", t);
            return await work(c, tx, t);
        }, cancellationToken);

    private async Task<T> AttemptAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var committed = false;
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var result = await work(connection, transaction, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            committed = true;
            return result;
        }
        finally
        {
            metrics?.Committed(Kind, Stopwatch.GetElapsedTime(started), 1, committed);
        }
    }

    /// <summary>
    /// <c>VACUUM (SKIP_LOCKED)</c>: returns at once when another node is vacuuming the table. Measured on the 2-core box
    /// with one node taking volume POSTs (<c>bench/scale-out.sh</c>): without it <c>row_counts</c> held 420,000-590,000
    /// dead rows between autovacuums and PostgreSQL's CPU per POST swung from 180 to 330 µs; vacuumed after each fold,
    /// 140-210 µs.
    /// </summary>
    public async Task ReclaimAsync(string table, CancellationToken cancellationToken = default)
    {
        // A table name cannot be a parameter: only a plain name gets into the statement.
        if (table.Length == 0 || !table.All(ch => ch is (>= 'a' and <= 'z') or '_'))
        {
            throw new ArgumentException("not a Keyhold table name", nameof(table));
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Db.ExecuteAsync(connection, null, "VACUUM (SKIP_LOCKED) " + table, cancellationToken);
    }

    /// <summary>Aborted only because another transaction ran beside it: running it again may succeed.</summary>
    internal static bool IsConflict(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    /// <summary>Random, growing waits, so writers that collided do not collide again in step; at most 100 ms.</summary>
    internal static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(100, 1 << Math.Min(attempt, 7)));

    /// <summary>Arbitrary, fixed: the session-level advisory lock held while one node runs the schema steps.</summary>
    private const long MigrationLockKey = 0x4B6579686F6C64;

    /// <summary>
    /// A session-level advisory lock on a connection of its own, taken before any step's transaction begins, so each
    /// step's snapshot is taken after the previous holder committed.
    /// </summary>
    async Task<IAsyncDisposable> IMigrationLock.AcquireAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await Db.ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@k)", ct, ("@k", MigrationLockKey));
            return new MigrationLockHeld(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class MigrationLockHeld(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await Db.ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, ("@k", MigrationLockKey));
            }
            finally
            {
                await connection.DisposeAsync(); // closing the session releases it in any case
            }
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref groupCommit, null)?.Dispose();
        dataSource.Dispose();
    }
}
