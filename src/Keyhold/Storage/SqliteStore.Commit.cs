using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

// One group commit: a batch of writes in one transaction, each in its own savepoint.
public sealed partial class SqliteStore
{
    /// <summary>
    /// The writer's page cache, in KiB (negative: SQLite's unit for a size). Writes touch the index pages of every
    /// table they insert into; with the default 2 MiB those were read again from the OS page cache in each commit.
    /// </summary>
    private const int WriterCacheKib = 16 * 1024;

    /// <summary>
    /// The writer loop's own connection, never lent to readers: SQLite drops a connection's page cache when another
    /// connection committed since its last transaction, so a pooled connection began most commits cold (the writes
    /// of the commit before were made on another one). Null before the first write and after a failed commit.
    /// </summary>
    private StatementCachingConnection? writerConnection;

    private StatementCachingConnection WriterConnection()
    {
        if (writerConnection is not null)
        {
            return writerConnection;
        }
        var connection = Open();
        try
        {
            Pragma(connection, "cache_size=-" + WriterCacheKib.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return writerConnection = connection;
    }

    /// <summary>The writer's connection closes with the loop: once the last queued write has been answered.</summary>
    private void CloseWriterConnection()
    {
        writerConnection?.Dispose();
        writerConnection = null;
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
            connection = WriterConnection();
            if (!flush)
            {
                Pragma(connection, "synchronous=NORMAL");
            }
            transaction = connection.BeginTransaction();
            foreach (var write in batch)
            {
                Execute(connection, transaction, "SAVEPOINT w");
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
                    Execute(connection, transaction, "RELEASE w");
                    ran.Add(write);
                }
                else
                {
                    // Undo this write alone; its caller may learn at once, since nothing of it can land.
                    Execute(connection, transaction, "ROLLBACK TO w");
                    Execute(connection, transaction, "RELEASE w");
                    write.Fail(failure);
                }
            }
            transaction.Commit();
            if (!flush)
            {
                // Back to FULL before the connection serves a durable write again; if this fails the connection is dropped.
                Pragma(connection, "synchronous=FULL");
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
            writerConnection = null;
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
        foreach (var write in ran)
        {
            write.Complete();
        }
    }

    /// <summary>
    /// A statement of the commit itself, on a kept command: SqliteTransaction's Save, Release and Rollback prepare theirs
    /// anew each time, which was two statements parsed per write.
    /// </summary>
    private static void Execute(StatementCachingConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.Rent(sql);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
        connection.Return(command);
    }

    /// <summary>
    /// A PRAGMA on a command of its own, never a kept one: SQLite applies synchronous and cache_size while it prepares
    /// the statement, so running a kept one again would change nothing.
    /// </summary>
    private static void Pragma(SqliteConnection connection, string setting)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + setting + ";";
        command.ExecuteNonQuery();
    }
}
