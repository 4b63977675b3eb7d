using System.Collections.Concurrent;
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
public sealed class SqliteStore : IStore, IDisposable
{
    /// <summary>Idle connections kept; more may be open at once, the surplus is closed when returned.</summary>
    private static readonly int MaxIdle = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>Most writes sharing one commit: bounds what one failed commit takes down and the wait of the last.</summary>
    private const int MaxBatch = 64;

    /// <summary>Longest an unflushed commit stays only in the OS's cache: PostgreSQL's default wal_writer_delay.</summary>
    public static readonly TimeSpan FlushWithin = TimeSpan.FromMilliseconds(200);

    private readonly string connectionString;
    /// <summary>The WAL file, fsynced to make unflushed commits durable; null for a store that is not a plain file.</summary>
    private readonly string? walPath;
    /// <summary>When the oldest commit not yet on disk was made (Stopwatch timestamp), 0 when all are; writer loop only.</summary>
    private long unflushedSince;
    private readonly ConcurrentStack<StatementCachingConnection> idle = new();
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

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The store holds password hashes, wrapped keys and the audit, so it is 0600 wherever it lives (also outside the
    /// 0700 data folder, with Keyhold:StorePath). SQLite gives its -wal and -shm files the database file's mode.
    /// </summary>
    private static void KeepPrivate(string path)
    {
        if (OperatingSystem.IsWindows() || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }
        try
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }
        catch (IOException) when (File.Exists(path))
        {
            // An existing store (or another node on this host that just made it): tighten what is there.
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) & OwnerOnly);
            }
        }
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

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await WaitForWritesAsync())
        {
            while (batch.Count < MaxBatch && writes.Reader.TryRead(out var next))
            {
                if (next.TryStart())
                {
                    batch.Add(next);
                }
            }
            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
        // Closing: what was committed unflushed goes to disk now.
        FlushWal();
    }

    /// <summary>
    /// Waits for queued writes (false when the store closes). While an unflushed commit is not on disk, waits at most
    /// until it is <see cref="FlushWithin"/> old, then fsyncs the WAL; also when writes never stop coming but none of
    /// them is durable.
    /// </summary>
    private async Task<bool> WaitForWritesAsync()
    {
        if (unflushedSince != 0 && System.Diagnostics.Stopwatch.GetElapsedTime(unflushedSince) >= FlushWithin)
        {
            FlushWal();
        }
        var waiting = writes.Reader.WaitToReadAsync();
        if (unflushedSince == 0 || waiting.IsCompleted)
        {
            return await waiting;
        }
        var more = waiting.AsTask();
        var left = FlushWithin - System.Diagnostics.Stopwatch.GetElapsedTime(unflushedSince);
        if (left > TimeSpan.Zero && await Task.WhenAny(more, Task.Delay(left)) == more)
        {
            return await more;
        }
        FlushWal();
        return await more;
    }

    /// <summary>
    /// fsync of the WAL file, what a FULL commit ends with: every commit made before it is then on disk. fsync works on the
    /// file, not the descriptor, so a descriptor of our own flushes SQLite's writes (the WAL carries no POSIX locks
    /// that closing it could drop). A failure keeps the commits pending, tried again after another <see cref="FlushWithin"/>.
    /// </summary>
    private void FlushWal()
    {
        if (unflushedSince == 0)
        {
            return;
        }
        if (walPath is null)
        {
            unflushedSince = 0;
            return;
        }
        try
        {
            using (var wal = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
                RandomAccess.FlushToDisk(wal);
            }
            unflushedSince = 0;
            metrics?.WalFlushed(Kind);
        }
        catch (FileNotFoundException)
        {
            // No WAL: the last connection closed and checkpointed it into the database file, which SQLite synced.
            unflushedSince = 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unflushedSince = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Runs <paramref name="batch"/> in one transaction and answers every caller; never throws.</summary>
    private async Task CommitAsync(List<PendingWrite> batch)
    {
        StatementCachingConnection? connection = null;
        SqliteTransaction? transaction = null;
        var ran = new List<PendingWrite>(batch.Count);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // One durable write in the batch makes the whole commit durable; only an all-unflushed batch skips the fsync.
        var flush = batch.Exists(w => w.Flush);
        try
        {
            connection = Rent();
            if (!flush)
            {
                Synchronous(connection, "NORMAL");
            }
            transaction = connection.BeginTransaction();
            foreach (var write in batch)
            {
                transaction.Save("w");
                Exception? failure = null;
                try
                {
                    await write.RunAsync(connection, transaction);
                }
                catch (Exception e)
                {
                    failure = e;
                }
                if (failure is null)
                {
                    transaction.Release("w");
                    ran.Add(write);
                }
                else
                {
                    // Undo this write alone; its caller may learn at once, since nothing of it can land.
                    transaction.Rollback("w");
                    transaction.Release("w");
                    write.Fail(failure);
                }
            }
            transaction.Commit();
            if (!flush)
            {
                // Back to FULL before the connection serves a durable write again; if this fails the connection is dropped.
                Synchronous(connection, "FULL");
            }
        }
        catch (Exception e)
        {
            // The transaction, or the connection, failed: nothing of this batch landed.
            foreach (var write in batch)
            {
                write.Fail(e);
            }
            transaction?.Dispose();
            connection?.Dispose();
            metrics?.Committed(Kind, System.Diagnostics.Stopwatch.GetElapsedTime(started), batch.Count, false);
            return;
        }
        metrics?.Committed(Kind, System.Diagnostics.Stopwatch.GetElapsedTime(started), batch.Count, true);
        if (flush)
        {
            // The FULL commit's fsync of the WAL covered every unflushed commit before it.
            unflushedSince = 0;
        }
        else if (unflushedSince == 0)
        {
            unflushedSince = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        transaction.Dispose();
        Return(connection);
        foreach (var write in ran)
        {
            write.Complete();
        }
    }

    private static void Synchronous(SqliteConnection connection, string level)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=" + level + ";";
        command.ExecuteNonQuery();
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

    /// <summary>A queued write. Either the loop starts it or its caller cancels it while queued, never both.</summary>
    private abstract class PendingWrite : IDisposable
    {
        private const int Queued = 0, Started = 1, Cancelled = 2;
        private int state;

        /// <summary>False for a write that may wait for the next durable commit to reach the disk.</summary>
        public abstract bool Flush { get; }

        /// <summary>False when its caller gave up while it was queued; then it must not run.</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref state, Started, Queued) == Queued;

        /// <summary>Gives up a write that has not started (cancellation while queued).</summary>
        protected bool TryCancel() => Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued;

        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception e);

        public abstract void Dispose();
    }

    private sealed class PendingWrite<T> : PendingWrite
    {
        private readonly Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work;
        private readonly CancellationToken cancellationToken;
        private readonly ExecutionContext? context = ExecutionContext.Capture();
        private readonly TaskCompletionSource<T> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration registration;
        private T? result;

        public PendingWrite(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, bool flush, CancellationToken cancellationToken)
        {
            this.work = work;
            Flush = flush;
            this.cancellationToken = cancellationToken;
            registration = cancellationToken.Register(static self =>
            {
                var write = (PendingWrite<T>)self!;
                if (write.TryCancel())
                {
                    write.outcome.TrySetCanceled(write.cancellationToken);
                }
            }, this);
        }

        public override bool Flush { get; }

        public Task<T> Task => outcome.Task;

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            // In the caller's execution context, as if the caller ran it (logging scopes, activities).
            Task<T>? running = null;
            if (context is null)
            {
                running = work(connection, transaction, cancellationToken);
            }
            else
            {
                ExecutionContext.Run(context, _ => running = work(connection, transaction, cancellationToken), null);
            }
            result = await running!;
        }

        public override void Complete()
        {
            registration.Dispose();
            outcome.TrySetResult(result!);
        }

        public override void Fail(Exception e)
        {
            registration.Dispose();
            outcome.TrySetException(e);
        }

        public override void Dispose() => registration.Dispose();
    }
}
