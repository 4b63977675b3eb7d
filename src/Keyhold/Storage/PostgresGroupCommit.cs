using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;

namespace Keyhold.Storage;

/// <summary>
/// Group commit for PostgreSQL's statement-only writes (<see cref="IStore.WriteStatementsAsync"/>). Measured on the
/// 2-core box, a PostgreSQL write cost both processes more in being woken per round trip (context switches, socket
/// wake-ups) than in the statements themselves; so writes that queue up while a commit is under way are sent together:
/// <c>BEGIN ISOLATION LEVEL SERIALIZABLE</c>, every write's statements, <c>COMMIT</c>, as one batch in one round trip,
/// one transaction and one WAL flush.
/// <para>
/// Each caller still gets its own outcome. A statement that fails is found in the batch: its write alone fails with
/// that exception and the others are sent again without it, so nothing of a failed write lands and nothing of the
/// others is lost. A serialization failure or deadlock sends the whole batch again. The transaction is SERIALIZABLE like
/// every write, and its writes run one after the other inside it, in arrival order, each seeing those before it: exactly
/// as if each had its own transaction, one after the other. Every caller is answered only after the COMMIT
/// that holds its write was acknowledged, i.e. is durable (synchronous_commit stays on), or with the error that ended
/// it. A few batches run at once on their own connections, so one waiting for its WAL flush does not hold up the next
/// (PostgreSQL's own group commit then shares flushes between them).
/// </para>
/// </summary>
internal sealed class PostgresGroupCommit : IDisposable
{
    /// <summary>Most writes in one batch: bounds what one failure sends again and the wait of the last.</summary>
    private const int MaxBatch = 64;

    /// <summary>Batches in flight at once, each on a pooled connection of its own.</summary>
    private static readonly int Senders = Math.Max(2, 2 * Environment.ProcessorCount);

    private readonly NpgsqlDataSource dataSource;
    private readonly StoreMetrics? metrics;
    private readonly Channel<PendingStatements> queue = Channel.CreateUnbounded<PendingStatements>();
    private readonly Task[] senders;

    public PostgresGroupCommit(NpgsqlDataSource dataSource, StoreMetrics? metrics)
    {
        this.dataSource = dataSource;
        this.metrics = metrics;
        senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(SendLoopAsync)).ToArray();
    }

    public Task<int[]> WriteAsync(IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new PendingStatements(statements, ct);
        if (!queue.Writer.TryWrite(pending))
        {
            pending.Dispose();
            throw new ObjectDisposedException(nameof(PostgresStore));
        }
        return pending.Task;
    }

    private async Task SendLoopAsync()
    {
        var batch = new List<PendingStatements>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
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
    }

    /// <summary>Commits <paramref name="batch"/> and answers every caller in it; never throws.</summary>
    private async Task CommitAsync(List<PendingStatements> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var refused = new StrongBox<PendingStatements?>();
        for (var attempt = 1; batch.Count > 0; attempt++)
        {
            try
            {
                refused.Value = null;
                var changed = await SendAsync(batch, refused);
                metrics?.Committed(PostgresStore.StoreKind, Stopwatch.GetElapsedTime(started), batch.Count, true);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Complete(changed[i]);
                }
                return;
            }
            catch (PostgresException e) when (PostgresStore.IsConflict(e) && Stopwatch.GetElapsedTime(started) < PostgresStore.RetryFor)
            {
                metrics?.Retried(PostgresStore.StoreKind);
                await Task.Delay(PostgresStore.Backoff(attempt));
            }
            catch (PostgresException e) when (!PostgresStore.IsConflict(e) && refused.Value is { } write)
            {
                // One write's statement was refused: that write alone fails, the rest go again (nothing of them landed).
                write.Fail(e);
                batch.Remove(write);
            }
            catch (Exception e)
            {
                metrics?.Committed(PostgresStore.StoreKind, Stopwatch.GetElapsedTime(started), batch.Count, false);
                foreach (var write in batch)
                {
                    write.Fail(e);
                }
                return;
            }
        }
    }

    /// <summary>
    /// One round trip: BEGIN, every write's statements, COMMIT. Returns each write's rows changed per statement; when a
    /// statement fails, <paramref name="refused"/> holds the write it belongs to.
    /// </summary>
    private async Task<int[][]> SendAsync(List<PendingStatements> batch, StrongBox<PendingStatements?> refused)
    {
        var owners = new Dictionary<NpgsqlBatchCommand, PendingStatements>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateBatch();
        command.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL SERIALIZABLE"));
        foreach (var write in batch)
        {
            foreach (var statement in write.Statements)
            {
                owners[(NpgsqlBatchCommand)Db.Add(command, statement)] = write;
            }
        }
        command.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e)
        {
            // A statement's error leaves the transaction aborted (the rest of the batch was skipped); a failed COMMIT has
            // ended it already, and ROLLBACK then only warns.
            await RollbackAsync(connection);
            refused.Value = FailedCommand(command, e) is { } failed && owners.TryGetValue(failed, out var owner) ? owner : null;
            throw;
        }
        var changed = new int[batch.Count][];
        var next = 1;
        for (var i = 0; i < batch.Count; i++)
        {
            changed[i] = new int[batch[i].Statements.Count];
            for (var j = 0; j < changed[i].Length; j++)
            {
                changed[i][j] = command.BatchCommands[next++].RecordsAffected;
            }
        }
        return changed;
    }

    /// <summary>
    /// The statement <paramref name="e"/> came from. Npgsql 10 leaves <see cref="NpgsqlException.BatchCommand"/> unset
    /// here (measured), but it records the outcome of every statement that completed: the server stops at the first
    /// error, so the failed one is the first that has none.
    /// </summary>
    private static NpgsqlBatchCommand? FailedCommand(NpgsqlBatch batch, PostgresException e) =>
        e.BatchCommand ?? batch.BatchCommands.Cast<NpgsqlBatchCommand>().FirstOrDefault(c => c.StatementType == StatementType.Unknown);

    private static async Task RollbackAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Broken connection: the server ends its transaction when the session goes; the pool drops the connector.
        }
    }

    public void Dispose()
    {
        // Writes already queued still run; new ones are refused.
        queue.Writer.TryComplete();
        Task.WaitAll(senders, TimeSpan.FromSeconds(30));
    }

    /// <summary>A queued write. Either a sender starts it or its caller cancels it while queued, never both.</summary>
    private sealed class PendingStatements : IDisposable
    {
        private const int Queued = 0, Started = 1, Cancelled = 2;
        private readonly TaskCompletionSource<int[]> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration registration;
        private int state;

        public PendingStatements(IReadOnlyList<Statement> statements, CancellationToken ct)
        {
            Statements = statements;
            registration = ct.Register(static self =>
            {
                var write = (PendingStatements)self!;
                if (Interlocked.CompareExchange(ref write.state, Cancelled, Queued) == Queued)
                {
                    write.outcome.TrySetCanceled();
                }
            }, this);
        }

        public IReadOnlyList<Statement> Statements { get; }

        public Task<int[]> Task => outcome.Task;

        /// <summary>False when its caller gave up while it was queued; then it must not run.</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref state, Started, Queued) == Queued;

        public void Complete(int[] changed)
        {
            registration.Dispose();
            outcome.TrySetResult(changed);
        }

        public void Fail(Exception e)
        {
            registration.Dispose();
            outcome.TrySetException(e);
        }

        public void Dispose() => registration.Dispose();
    }
}
