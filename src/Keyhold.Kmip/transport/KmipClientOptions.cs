using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Kmip;

/// <summary>Where and how to reach one KMIP server.</summary>
public sealed class KmipClientOptions
{
    public const int DefaultPort = 5696;

    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    /// <summary>Name the server certificate must match; defaults to <see cref="Host"/>.</summary>
    public string? TargetHost { get; init; }

    /// <summary>Our TLS client certificate; it must carry its private key.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The only roots a server certificate may chain to (system roots are ignored).</summary>
    public X509Certificate2Collection TrustedCaCertificates { get; init; } = [];

    /// <summary>Bound on each call: waiting for the connection, connect, handshake, request and response.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Fixed protocol version, or null to pick the highest 1.x (at most 1.4) the server announces.</summary>
    public ProtocolVersion? ProtocolVersion { get; init; }

    /// <summary>Largest response accepted; larger declared lengths fail before allocation.</summary>
    public int MaxMessageSize { get; init; } = 1024 * 1024;

    internal KmipCredential? Credential => Username is null ? null : new KmipCredential(Username, Password);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, 64);
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), "Timeout must be positive or infinite.");
        }

        if (TrustedCaCertificates.Count == 0)
        {
            throw new ArgumentException("At least one trusted CA certificate is required.", nameof(TrustedCaCertificates));
        }

        if (ClientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The client certificate has no private key.", nameof(ClientCertificate));
        }
    }

    /// <summary>Never reveals the password.</summary>
    public override string ToString() =>
        $"KmipClientOptions({Host}:{Port}, user {Username ?? "none"}, timeout {Timeout})";
}
