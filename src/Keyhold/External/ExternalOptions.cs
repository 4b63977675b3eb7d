namespace Keyhold.External;

/// <summary>
/// External key management settings, bound from the "Keyhold" configuration section by <see cref="ExternalRegistration.AddExternal"/>:
/// Keyhold:ConnectivityInterval and Keyhold:KmipConnectTimeout, each in seconds ("10", "0.5") or as a TimeSpan ("00:00:10").
/// </summary>
public sealed class ExternalOptions
{
    /// <summary>The shortest probe interval honoured, so a tiny setting cannot spin the monitor.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(0.1);

    /// <summary>
    /// How often this node publishes its connectivity view and how long a published row stays believable (three of
    /// these). When Keyhold:ConnectivityInterval is set, it is also how often the health monitor probes (<see cref="ProbeInterval"/>).
    /// </summary>
    public TimeSpan ConnectivityInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The operator's (or a test's) override of the health monitor's polling interval: Keyhold:ConnectivityInterval when
    /// it is set. Null (the default): the monitor polls every <c>health_monitor_polling_interval</c> minutes of
    /// /api/security/key-manager-configs (docs/key-manager-configs.md).
    /// </summary>
    public TimeSpan? ProbeInterval { get; set; }

    /// <summary>
    /// Upper bound on any KMIP call (connect, handshake, request); zero = each server's own timeout.
    /// Tests lower it so a hanging server fails fast.
    /// </summary>
    public TimeSpan KmipConnectTimeout { get; set; }

    public TimeSpan Interval => ConnectivityInterval < MinInterval ? MinInterval : ConnectivityInterval;

    /// <summary>The timeout for a call to <paramref name="server"/>.</summary>
    public TimeSpan TimeoutFor(KeyServer server) => TimeoutFor(server.Timeout);

    public TimeSpan TimeoutFor(int serverTimeoutSeconds)
    {
        var own = TimeSpan.FromSeconds(serverTimeoutSeconds);
        return KmipConnectTimeout > TimeSpan.Zero && KmipConnectTimeout < own ? KmipConnectTimeout : own;
    }

    /// <summary>Null when the settings are usable; else why not.</summary>
    public string? Problem() =>
        ConnectivityInterval < TimeSpan.Zero ? "Keyhold:ConnectivityInterval must not be negative."
        : KmipConnectTimeout < TimeSpan.Zero ? "Keyhold:KmipConnectTimeout must not be negative."
        : null;
}
