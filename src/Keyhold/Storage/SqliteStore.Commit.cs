using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

// One group commit: a batch of writes in one transaction, each in its own savepoint.
public sealed partial class SqliteStore
{
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
}
