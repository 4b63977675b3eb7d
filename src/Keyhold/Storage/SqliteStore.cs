using System.Data.Common;
using System.Threading.Channels;
using Keyhold.Storage.Query;
using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

/// <summary>
/// The embedded store: one SQLite file in the data folder, WAL with full sync so an acknowledged
/// write survives a crash. Writers are serialised here rather than by SQLite's busy loop.
/// <para>
/// Connections stay open in a small pool of this store's own, each keeping its prepared statements
/// (<see cref="StatementCachingConnection"/>): reopening and re-parsing cost more than the queries.
/// </para>
/// <para>
/// Group commit: one writer loop runs the queued writes. Writes that queued up while a commit was on disk run
/// together in one transaction, each inside its own savepoint, so one fsync makes all of them durable. Each caller
/// still gets its own outcome: a write that throws is rolled back to its savepoint (nothing of it lands) and its
/// caller gets the exception at once; the others are answered only after the shared commit, or all get the commit's
/// exception if it fails (then none of them landed). Writes run one after the other, in arrival order, each seeing
/// the changes of the writes before it, exactly as when each had its own transaction. A lone write runs at once.
/// Like before, a write must not wait on another write, and reads through <see cref="ReadAsync"/> inside a write see
/// only committed data (neither the write's own changes nor those of writes ahead of it in the same commit).
/// </para>
/// <para>
/// Unflushed writes (<see cref="WriteUnflushedAsync"/>) reach the disk with the next durable commit or, when none comes,
/// within <see cref="FlushWithin"/>: the writer then fsyncs the WAL itself. That is PostgreSQL's bound for its
/// asynchronous commits (the WAL writer), so an unflushed write means the same on both stores.
/// </para>
/// </summary>
/// <remarks>
/// One concern per file: this one opens the store and takes the reads and writes; SqliteStore.Connections (the pool),
/// SqliteStore.WriteLoop (the writer loop and the WAL flush of unflushed commits), SqliteStore.Commit (one group commit),
/// SqliteStore.PendingWrite (a queued write) and SqliteStore.FileMode (the store's files kept private).
/// </remarks>
public sealed partial class SqliteStore : IStore, IDisposable
{
    private readonly string connectionString;
    private readonly Channel<PendingWrite> writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;
    private volatile bool disposed;

    private readonly StoreMetrics? metrics;

    /// <summary>Commits to the file by anyone (<see cref="IStore.ChangeStampAsync"/>); null for a store that is not a plain file.</summary>
    private readonly SqliteChangeCounter? changes;

    public SqliteStore(string path, StoreMetrics? metrics = null)
    {
        KeepPrivate(path);
        this.metrics = metrics;
        walPath = path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal) ? null : Path.GetFullPath(path) + "-wal";
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // This store pools its own open connections (with their statements); closing one really closes it.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
        if (walPath is not null)
        {
            // Only the first open may create the file. Later connections open what is there: a store file that went away
            // while the node runs makes requests fail (and /health/ready say so) rather than start an empty store beside
            // the old WAL, whose writes would be lost when the real file comes back.
            connectionString = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();
        }
        changes = walPath is null ? null : new SqliteChangeCounter(connectionString);
        writer = Task.Run(WriteLoopAsync);
    }

    public string Kind => "sqlite";

    public ISqlDialect Dialect => SqliteDialect.Instance;

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var connection = Rent();
        T result;
        try
        {
            // One read transaction for all of the work's statements: one snapshot, and SQLite takes its WAL read lock
            // (process-wide mutexes, a file stat) once rather than per statement. Raw SQL, so the work's commands run
            // without a transaction object, as before.
            await Db.ExecuteAsync(connection, null, "BEGIN", cancellationToken);
            result = await work(connection, cancellationToken);
            await Db.ExecuteAsync(connection, null, "COMMIT", CancellationToken.None);
        }
        catch
        {
            await connection.DisposeAsync(); // closing ends the read transaction
            throw;
        }
        Return(connection);
        return result;
    }

    /// <summary>One statement in autocommit: SQLite gives it one snapshot (and its WAL read lock) from its first step to its reset.</summary>
    public async Task<T> ReadStatementAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var connection = Rent();
        T result;
        try
        {
            result = await work(connection, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync(); // closing ends whatever the statement left open
            throw;
        }
        Return(connection);
        return result;
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
        => Enqueue(work, flush: true, cancellationToken);

    public ValueTask<long?> ChangeStampAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(changes?.Read());

    /// <summary>
    /// Committed with synchronous=NORMAL when its whole batch is unflushed: the WAL frames reach the OS but are not
    /// fsynced; the next FULL commit's fsync of the same WAL file makes them durable with it.
    /// </summary>
    public Task<T> WriteUnflushedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
        => Enqueue(work, flush: false, cancellationToken);

    private Task<T> Enqueue<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, bool flush, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(disposed, this);
        var pending = new PendingWrite<T>(work, flush, cancellationToken);
        if (!writes.Writer.TryWrite(pending))
        {
            pending.Dispose();
            throw new ObjectDisposedException(nameof(SqliteStore));
        }
        return pending.Task;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        // Writes already queued still run; new ones are refused.
        writes.Writer.TryComplete();
        writer.Wait(TimeSpan.FromSeconds(30));
        disposed = true;
        while (idle.TryPop(out var connection))
        {
            connection.Dispose();
        }
        changes?.Dispose();
    }
}
