using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Kmip;

/// <summary>One mutually authenticated TLS connection carrying one request/response at a time.</summary>
internal sealed class KmipConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SslStream _ssl;
    private readonly int _maxMessageSize;

    private KmipConnection(Socket socket, SslStream ssl, int maxMessageSize)
    {
        _socket = socket;
        _ssl = ssl;
        _maxMessageSize = maxMessageSize;
    }

    /// <summary>Number of completed exchanges; 0 means a failure may be the server refusing us.</summary>
    public int Exchanges { get; private set; }

    public string NegotiatedTls => $"{_ssl.SslProtocol} {_ssl.NegotiatedCipherSuite}";

    /// <summary>Connects and handshakes; <paramref name="phase"/> tracks progress for failure classification.</summary>
    public static async Task<KmipConnection> OpenAsync(KmipClientOptions options, ServerCertificateCheck check,
        Action<ConnectionPhase> phase, CancellationToken ct)
    {
        phase(ConnectionPhase.Connecting);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? ssl = null;
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, ct);
            phase(ConnectionPhase.Handshaking);
            ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(CreateTlsOptions(options, check), ct);
            return new KmipConnection(socket, ssl, options.MaxMessageSize);
        }
        catch
        {
            if (ssl is not null)
            {
                await ssl.DisposeAsync();
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when the peer has already closed the idle connection, so it must not be reused.</summary>
    public bool LooksClosed()
    {
        try
        {
            return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    public async Task<byte[]> ExchangeAsync(byte[] request, CancellationToken ct)
    {
        await _ssl.WriteAsync(request, ct);
        await _ssl.FlushAsync(ct);
        byte[] response = await KmipFraming.ReadMessageAsync(_ssl, _maxMessageSize, ct);
        Exchanges++;
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        await _ssl.DisposeAsync();
        _socket.Dispose();
    }

    private static SslClientAuthenticationOptions CreateTlsOptions(KmipClientOptions options, ServerCertificateCheck check)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(options.TrustedCaCertificates);
        return new SslClientAuthenticationOptions
        {
            TargetHost = options.TargetHost ?? options.Host,
            // TLS 1.2 stays enabled: PyKMIP and many appliances speak only 1.2 with CBC suites, so no suite restriction.
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = policy,
            RemoteCertificateValidationCallback = check.Validate,
            // A context (not a collection) so the certificate is sent even when the server's CA list does not name its issuer.
            ClientCertificateContext = options.ClientCertificate is null
                ? null
                : SslStreamCertificateContext.Create(options.ClientCertificate, additionalCertificates: null, offline: true),
        };
    }
}
