using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Keyhold.Kmip;

namespace Keyhold.Tests.KmipServer;

/// <summary>A mutually authenticated TLS connection that sends whatever bytes a test gives it, for hostile-input tests.</summary>
public sealed class RawKmipConnection : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly SslStream tls;

    private RawKmipConnection(TcpClient tcp, SslStream tls)
    {
        this.tcp = tcp;
        this.tls = tls;
    }

    public static async Task<RawKmipConnection> OpenAsync(KmipClientOptions options)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(options.Host, options.Port);
        var tls = new SslStream(tcp.GetStream(), false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [options.ClientCertificate!],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateChainPolicy = TrustOnly(options),
        });
        return new RawKmipConnection(tcp, tls);
    }

    private static System.Security.Cryptography.X509Certificates.X509ChainPolicy TrustOnly(KmipClientOptions options)
    {
        var policy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
        {
            TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
            RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(options.TrustedCaCertificates);
        return policy;
    }

    public Task SendAsync(byte[] bytes) => tls.WriteAsync(bytes).AsTask();

    /// <summary>One framed answer, or null when the server closed the connection.</summary>
    public async Task<byte[]?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        byte[] header = new byte[8];
        try
        {
            if (await tls.ReadAtLeastAsync(header, 8, throwOnEndOfStream: false, cts.Token) < 8)
            {
                return null;
            }
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
            byte[] message = new byte[8 + length];
            header.CopyTo(message, 0);
            await tls.ReadExactlyAsync(message.AsMemory(8), cts.Token);
            return message;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await tls.DisposeAsync();
        tcp.Dispose();
    }
}
