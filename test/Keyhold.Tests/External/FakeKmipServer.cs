using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;

namespace Keyhold.Tests.External;

/// <summary>
/// A loopback server for failures PyKMIP will not produce: a TLS KMIP server whose Discover Versions answer is chosen
/// by the test, one that accepts and then never answers, and a plain-TCP server that speaks HTTP instead of TLS.
/// Its certificate (SAN 127.0.0.1) is signed by its own CA, <see cref="CaPem"/>.
/// </summary>
public sealed class FakeKmipServer : IDisposable
{
    public enum Mode
    {
        Answer,
        Hang,
        Http,
    }

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly X509Certificate2 serverCert;
    private readonly List<TcpClient> connections = [];

    public FakeKmipServer(Mode mode, params ProtocolVersion[] versions)
        : this(null, mode, versions)
    {
    }

    /// <summary>Another fake whose certificate is issued by the same CA as <paramref name="other"/>'s (one server_ca trusts both).</summary>
    public static FakeKmipServer SameCaAs(FakeKmipServer other) => new(other.ca, other.Behaviour, [.. other.Versions]);

    private readonly X509Certificate2 ca;

    private FakeKmipServer(X509Certificate2? sharedCa, Mode mode, ProtocolVersion[] versions)
    {
        Behaviour = mode;
        Versions = versions;
        ca = sharedCa ?? NewCa();
        CaPem = ca.ExportCertificatePem();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(1), [1, 2, 3, 4]);
        using var withKey = leaf.CopyWithPrivateKey(key);
        serverCert = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        listener.Start();
        _ = AcceptLoopAsync();
    }

    private static X509Certificate2 NewCa()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Fake KMIP CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public Mode Behaviour { get; set; }

    public IReadOnlyList<ProtocolVersion> Versions { get; set; }

    public string CaPem { get; }

    public string Server => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (connections)
        {
            connections.ForEach(c => c.Dispose());
        }
        serverCert.Dispose();
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (connections)
            {
                connections.Add(client); // kept open until Dispose: a hanging server never closes
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            switch (Behaviour)
            {
                case Mode.Hang:
                    return;
                case Mode.Http:
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"), stop.Token);
                    return;
            }
            await using var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = serverCert }, stop.Token);
            while (!stop.IsCancellationRequested)
            {
                var header = new byte[8];
                await tls.ReadExactlyAsync(header, stop.Token);
                await tls.ReadExactlyAsync(new byte[BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4))], stop.Token);
                await tls.WriteAsync(DiscoverVersionsResponse(), stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // the client went away
        }
    }

    private byte[] DiscoverVersionsResponse()
    {
        using var w = new TtlvWriter();
        w.BeginStructure(KmipTag.ResponseMessage);
        w.BeginStructure(KmipTag.ResponseHeader);
        WriteVersion(w, ProtocolVersion.V1_1);
        w.WriteDateTime(KmipTag.TimeStamp, DateTimeOffset.UtcNow);
        w.WriteInteger(KmipTag.BatchCount, 1);
        w.EndStructure();
        w.BeginStructure(KmipTag.BatchItem);
        w.WriteEnumeration(KmipTag.Operation, (uint)KmipOperation.DiscoverVersions);
        w.WriteEnumeration(KmipTag.ResultStatus, (uint)ResultStatus.Success);
        w.BeginStructure(KmipTag.ResponsePayload);
        foreach (var version in Versions)
        {
            WriteVersion(w, version);
        }
        w.EndStructure();
        w.EndStructure();
        w.EndStructure();
        return w.ToArray();
    }

    private static void WriteVersion(TtlvWriter w, ProtocolVersion version)
    {
        w.BeginStructure(KmipTag.ProtocolVersion);
        w.WriteInteger(KmipTag.ProtocolVersionMajor, version.Major);
        w.WriteInteger(KmipTag.ProtocolVersionMinor, version.Minor);
        w.EndStructure();
    }
}
