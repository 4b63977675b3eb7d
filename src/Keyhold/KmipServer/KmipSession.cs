namespace Keyhold.KmipServer;

/// <summary>
/// One client connection's writes that its answers did not wait for: a Get's Fresh mark is stored once the answer is
/// sent. The connection's next batch item waits for them first, so whatever this client asks next sees them, exactly as
/// if the Get had waited; another connection may see the old mark for those few microseconds.
/// <para>
/// Such a write is only queued in the store after the answer has been handed to the socket (<see cref="Release"/>):
/// on a small box the store's writer would otherwise take the CPU that the answer needs on its way out, and the client
/// would wait for a write it does not need. Its next request finds it done or waits for it (<see cref="SettleAsync"/>).
/// </para>
/// </summary>
public sealed class KmipSession
{
    private List<Func<Task>>? deferred;
    private Task? pending;

    /// <summary>A write for after the answer: started by <see cref="Release"/>, or by <see cref="SettleAsync"/> at the latest.</summary>
    public void Later(Func<Task> write) => (deferred ??= []).Add(write);

    /// <summary>Starts the writes the answer just sent left behind; they run while the client reads it.</summary>
    public void Release()
    {
        if (deferred is not { Count: > 0 } writes)
        {
            return;
        }

        deferred = null;
        foreach (Func<Task> write in writes)
        {
            Task started;
            try
            {
                started = write();
            }
            catch (Exception e)
            {
                started = Task.FromException(e);
            }

            pending = pending is null ? started : Task.WhenAll(pending, started);
        }
    }

    /// <summary>Waits for the writes left by earlier items; returns a failure instead of throwing it (the item that left it was answered).</summary>
    public async Task<Exception?> SettleAsync()
    {
        Release();
        if (pending is not { } writes)
        {
            return null;
        }

        pending = null;
        try
        {
            await writes;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
