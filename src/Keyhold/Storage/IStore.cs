using System.Data.Common;

using Keyhold.Storage.Query;

namespace Keyhold.Storage;

/// <summary>
/// The cluster store. Every change runs inside one transaction: either all of it lands or none.
/// SQL handed to it must be portable between SQLite and PostgreSQL (parameters as @name).
/// </summary>
public interface IStore
{
    string Kind { get; }

    /// <summary>The SQL spellings of this store: collection queries and schema steps are written through it.</summary>
    ISqlDialect Dialect { get; }

    Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// A read whose <paramref name="work"/> runs ONE statement: that statement is its own snapshot, so the store may run
    /// it without a transaction around it (SQLite: no BEGIN and COMMIT, two statements fewer per page). Work that runs
    /// more than one statement and needs them to agree must use <see cref="ReadAsync{T}"/>.
    /// </summary>
    Task<T> ReadStatementAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
        => ReadAsync(work, cancellationToken);

    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// A number that moves whenever anything is committed to the store, by any writer: this node, another node, or SQL
    /// run by hand; null when the store keeps none (PostgreSQL, an in-memory SQLite). Read it BEFORE a read: if it is the
    /// same number later, nothing was committed since, so that read's answer is still the answer (kept key-manager
    /// answers and collection pages, docs/scaling.md). It is not readable inside a snapshot: read after the read, a commit
    /// in between would be missed. Reading it writes nothing, and no commit writes anything for it: SQLite counts commits
    /// in its WAL index already. PostgreSQL keeps none: one row that every write moved would make concurrent writers wait
    /// on each other, which its store is built to avoid.
    /// </summary>
    ValueTask<long?> ChangeStampAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<long?>(null);

    /// <summary>
    /// A write made only of <paramref name="statements"/>, none of which needs another's answer: one transaction, all of
    /// it or nothing, returning the rows each statement changed. A statement that fails (a UNIQUE violation, say) fails
    /// this write alone, with the exception it would raise in a write of its own. Because the store needs nothing back
    /// between the statements, it may commit this write together with others (PostgreSQL: many writes in one round trip
    /// and one commit); each is still acknowledged only once its commit is durable.
    /// </summary>
    Task<int[]> WriteStatementsAsync(IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default)
        => WriteAsync((c, tx, t) => Db.ExecuteAllAsync(c, tx, statements, t), cancellationToken);

    /// <summary>
    /// A write that is committed and seen at once like any other, but whose flush to disk waits for the next durable
    /// commit, or at most about 0.2 s (SQLite: the writer fsyncs the WAL; PostgreSQL: its WAL writer): a process crash
    /// keeps it, a power loss in that window may undo it. Only for what nobody was promised on disk: bookkeeping that
    /// may fall back to its old value (KMIP's Fresh mark) and audit messages, which are written after their request was
    /// answered anyway. Never for keys or anything a caller was promised. By default it is durable.
    /// </summary>
    Task<T> WriteUnflushedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
        => WriteAsync(work, cancellationToken);

    /// <summary>
    /// Makes the room of rows just deleted in bulk from <paramref name="table"/> reusable now, not when the database's
    /// own housekeeping comes round. SQLite reuses a deleted row's room at once (nothing to do); PostgreSQL keeps dead
    /// rows until a VACUUM, and its autovacuum looks at a table at most once a minute by default, which for a table
    /// emptied and refilled every few seconds (<c>row_counts</c>) is hundreds of thousands of dead rows that every
    /// insert and sum wades through. Never inside a transaction; another node already doing it is not waited for.
    /// </summary>
    Task ReclaimAsync(string table, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
