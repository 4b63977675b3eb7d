namespace Keyhold.KmipServer;

/// <summary>What the admin resource shows of this node's listener.</summary>
public sealed class KmipListenerState
{
    private int open;

    public string? Endpoint { get; set; }

    /// <summary>The port actually bound (differs from the endpoint's when it asked for port 0).</summary>
    public int? BoundPort { get; set; }

    public bool Listening { get; set; }

    public string? CaCertificatePem { get; set; }

    public string? Problem { get; set; }

    public int OpenConnections => Volatile.Read(ref open);

    private long refused;

    public long Refused => Interlocked.Read(ref refused);

    public void CountRefused() => Interlocked.Increment(ref refused);

    public int Enter() => Interlocked.Increment(ref open);

    public void Leave() => Interlocked.Decrement(ref open);
}
