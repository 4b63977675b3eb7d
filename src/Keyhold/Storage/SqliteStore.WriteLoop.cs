namespace Keyhold.Storage;

// The writer loop: takes the queued writes in batches, and fsyncs the WAL for unflushed commits left waiting.
public sealed partial class SqliteStore
{
    /// <summary>Most writes sharing one commit: bounds what one failed commit takes down and the wait of the last.</summary>
    private const int MaxBatch = 64;

    /// <summary>Longest an unflushed commit stays only in the OS's cache: PostgreSQL's default wal_writer_delay.</summary>
    public static readonly TimeSpan FlushWithin = TimeSpan.FromMilliseconds(200);

    /// <summary>The WAL file, fsynced to make unflushed commits durable; null for a store that is not a plain file.</summary>
    private readonly string? walPath;
    /// <summary>When the oldest commit not yet on disk was made (Stopwatch timestamp), 0 when all are; writer loop only.</summary>
    private long unflushedSince;

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
        CloseWriterConnection();
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
}
