using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Kmip.Codec;
using Keyhold.Security;
using Microsoft.Extensions.Options;

namespace Keyhold.KmipServer;

/// <summary>
/// The KMIP listener: TTLV over mutually authenticated TLS 1.2/1.3, one request at a time per connection. It binds at
/// start (a busy port stops the node), caps connections, closes idle ones, and closes any connection whose frame is not
/// a request structure within the size limit. Off unless an endpoint is configured.
/// </summary>
public sealed class KmipListener(
    IOptions<KmipServerOptions> options,
    KmipServerCertificate certificates,
    KmipClientTrust trust,
    KmipClientsSeen clientsSeen,
    KmipRequestHandler handler,
    KmipListenerState state,
    ILogger<KmipListener> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;
    private Task? acceptLoop;
    private bool disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        KmipServerOptions o = options.Value;
        if (o.Endpoint is null)
        {
            return;
        }

        (string host, int port) = o.ParseEndpoint();
        IPAddress address = host is "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out IPAddress? ip) ? ip
            : Dns.GetHostAddresses(host).First();
        listener = new TcpListener(address, port);
        listener.Start(512);
        state.Endpoint = o.Endpoint;
        state.BoundPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        state.Listening = true;
        logger.LogInformation("KMIP listening on {Address}:{Port}", address, state.BoundPort);
        // Made now so DATA/kmip-ca.crt exists when the node says it is ready (null: made on a later connection).
        await certificates.GetAsync(host, cancellationToken);
        acceptLoop = Task.Run(() => AcceptAsync(host, stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Some hosts dispose services before stopping them; stopping then has nothing left to do.
        if (Volatile.Read(ref disposed))
        {
            return;
        }

        await stopping.CancelAsync();
        listener?.Stop();
        state.Listening = false;
        if (acceptLoop is not null)
        {
            await Task.WhenAny(acceptLoop, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        }
    }

    private async Task AcceptAsync(string host, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener!.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (ct.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (state.Enter() > options.Value.MaxConnections)
            {
                state.Leave();
                state.CountRefused();
                client.Close();
                continue;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client, host, ct);
                }
                finally
                {
                    state.Leave();
                    client.Dispose();
                }
            }, CancellationToken.None);
        }
    }

    private async Task ServeAsync(TcpClient client, string host, CancellationToken ct)
    {
        KmipServerOptions o = options.Value;
        try
        {
            client.NoDelay = true;
            SslStreamCertificateContext? context = await certificates.GetAsync(host, ct);
            if (context is null)
            {
                return;
            }

            var roots = await trust.RootsAsync(ct);
            string? identity = null;
            await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            var authentication = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = context,
                ClientCertificateRequired = true,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                // Any certificate completes the handshake; one the server does not trust gets every request refused
                // with Authentication Not Successful, which a client reports the same way over TLS 1.2 and 1.3.
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    identity = trust.Identify(certificate, chain, roots);
                    return certificate is not null;
                },
            };
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                handshake.CancelAfter(o.ReadTimeout);
                await tls.AuthenticateAsServerAsync(authentication, handshake.Token);
            }

            // Who is calling and from where, for the audit of every operation on this connection.
            Caller.Use(new Caller("kmip:" + (identity ?? "-"), (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "-",
                KmipAuditQueue.Application));
            if (identity is not null)
            {
                await clientsSeen.RecordAsync(identity, ct);
            }

            byte[] header = new byte[8];
            var session = new KmipSession();
            try
            {
                await ServeMessagesAsync(tls, header, identity, session, o, ct);
            }
            finally
            {
                // Writes left by the last answers still land (or are logged) before the connection is gone.
                await handler.SettleAsync(session);
            }
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // A client that leaves, stalls or fails the handshake only loses its own connection.
            logger.LogDebug("KMIP connection closed: {Type}", e.GetType().Name);
        }
        catch (Exception e)
        {
            logger.LogError("KMIP connection failed: {Type} {Stack}", e.GetType().Name, e.StackTrace);
        }
    }

    /// <summary>Request after request on one authenticated connection, until the client leaves or idles out.</summary>
    private async Task ServeMessagesAsync(SslStream tls, byte[] header, string? identity, KmipSession session, KmipServerOptions o, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            byte[]? message = await ReadMessageAsync(tls, header, o, ct);
            if (message is null)
            {
                return;
            }

            byte[] response = identity is null ? handler.RefuseUntrusted(message) : await handler.HandleAsync(identity, message, ct, session);
            try
            {
                await tls.WriteAsync(response, ct);
                // The answer is on its way: now the writes it did not wait for (a Get's Fresh mark) may take the store.
                session.Release();
            }
            finally
            {
                CryptographicOperations.ZeroMemory(message);
                CryptographicOperations.ZeroMemory(response);
            }
        }
    }

    /// <summary>
    /// One framed request, or null when the client closed, idled out, or sent a header that is not a request structure
    /// within the limit (the connection is then closed without reading further: its framing can no longer be trusted).
    /// </summary>
    private async Task<byte[]?> ReadMessageAsync(SslStream tls, byte[] header, KmipServerOptions o, CancellationToken ct)
    {
        using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            idle.CancelAfter(o.IdleTimeout);
            if (await tls.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, idle.Token) < header.Length)
            {
                return null;
            }
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        bool request = header[0] == 0x42 && header[1] == 0x00 && header[2] == 0x78 && header[3] == (byte)TtlvType.Structure;
        if (!request || length % 8 != 0 || length > (uint)(o.MaxMessageSize - header.Length))
        {
            logger.LogDebug("KMIP connection closed: a frame that is not a request within {Max} bytes", o.MaxMessageSize);
            return null;
        }

        byte[] message = new byte[header.Length + (int)length];
        header.CopyTo(message, 0);
        using var body = CancellationTokenSource.CreateLinkedTokenSource(ct);
        body.CancelAfter(o.ReadTimeout);
        await tls.ReadExactlyAsync(message.AsMemory(header.Length), body.Token);
        return message;
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        stopping.Cancel();
        stopping.Dispose();
        listener?.Dispose();
    }
}
