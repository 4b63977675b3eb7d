using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

// A write queued for the writer loop, answered when its commit is durable (or failed).
public sealed partial class SqliteStore
{
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
