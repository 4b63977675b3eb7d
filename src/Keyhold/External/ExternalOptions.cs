namespace Keyhold.External;

/// <summary>External key management settings, bound from the "Keyhold" configuration section.</summary>
public sealed class ExternalOptions
{
    /// <summary>Seconds between two connectivity probes of every key server from this node.</summary>
    public double ConnectivityInterval { get; set; } = 10;

    /// <summary>
    /// Upper bound in seconds on any KMIP call (connect, handshake, request); 0 = each server's own timeout.
    /// Tests lower it so a hanging server fails fast.
    /// </summary>
    public double KmipConnectTimeout { get; set; }

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(0.1, ConnectivityInterval));

    /// <summary>The timeout for a call to <paramref name="server"/>.</summary>
    public TimeSpan TimeoutFor(KeyServer server) => TimeoutFor(server.Timeout);

    public TimeSpan TimeoutFor(int serverTimeoutSeconds)
    {
        var own = TimeSpan.FromSeconds(serverTimeoutSeconds);
        return KmipConnectTimeout > 0 && TimeSpan.FromSeconds(KmipConnectTimeout) < own ? TimeSpan.FromSeconds(KmipConnectTimeout) : own;
    }
}
