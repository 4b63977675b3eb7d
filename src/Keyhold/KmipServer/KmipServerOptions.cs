namespace Keyhold.KmipServer;

/// <summary>The KMIP listener's settings, section <c>Keyhold:Kmip</c>; off unless <see cref="Endpoint"/> is set.</summary>
public sealed class KmipServerOptions
{
    public const string Section = "Keyhold:Kmip";

    /// <summary>HOST:PORT to listen on (KMIP's port is 5696; port 0 takes a free one), or null for no KMIP server.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Name or uuid of an installed cluster <c>server</c> certificate to present instead of one from the KMIP CA.</summary>
    public string? ServerCertificate { get; set; }

    /// <summary>Largest request accepted; a larger declared length closes the connection before anything is read.</summary>
    public int MaxMessageSize { get; set; } = 256 * 1024;

    /// <summary>A connection that sends nothing for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Bound on the TLS handshake and on reading the rest of a message once its header arrived.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections served at once; more are closed as soon as they are accepted.</summary>
    public int MaxConnections { get; set; } = 256;

    public (string Host, int Port) ParseEndpoint()
    {
        string value = Endpoint ?? throw new InvalidOperationException("No KMIP endpoint.");
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port is < 0 or > 65535)
        {
            throw new FormatException($"Keyhold:Kmip:Endpoint '{value}' is not HOST:PORT.");
        }

        return (value[..colon].Trim('[', ']'), port);
    }
}
