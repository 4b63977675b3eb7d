namespace Keyhold.KmipServer;

/// <summary>
/// One client connection's writes that its answers did not wait for: a Get's Fresh mark is stored while the answer is
/// on its way. The connection's next batch item waits for them first, so whatever this client asks next sees them,
/// exactly as if the Get had waited; another connection may see the old mark for those few microseconds.
/// </summary>
public sealed class KmipSession
{
    private Task? pending;

    /// <summary>A write already queued in the store that the next item must find done.</summary>
    public void Later(Task write) => pending = pending is null ? write : Task.WhenAll(pending, write);

    /// <summary>Waits for the writes left by earlier items; returns a failure instead of throwing it (the item that left it was answered).</summary>
    public async Task<Exception?> SettleAsync()
    {
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
