using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Kmip.Tests;

/// <summary>Each <see cref="KmipErrorKind"/> provoked for real, as the service will meet it.</summary>
[Collection(KmipServerCollection.Name)]
public class InteropFailureKindTests(KmipServerFixture server)
{
    private static async Task<KmipException> Fails(KmipClientOptions options)
    {
        await using var client = new KmipClient(options);
        return await Assert.ThrowsAnyAsync<KmipException>(() => client.DiscoverVersionsAsync());
    }

    /// <summary>On mismatch, show the whole exception chain: it documents how the failure manifested.</summary>
    private static void AssertKind(KmipErrorKind expected, KmipException e) =>
        Assert.True(e.Kind == expected, $"expected {expected}, got {e.Kind}: {e}");

    private KmipClientOptions With(X509Certificate2? clientCertificate = null, X509Certificate2? trustedCa = null,
        string? targetHost = null, bool noClientCertificate = false) => new()
    {
        Host = server.Host,
        Port = server.Port,
        TargetHost = targetHost,
        ClientCertificate = noClientCertificate ? null : clientCertificate ?? server.ClientCertificate,
        TrustedCaCertificates = [trustedCa ?? server.CaCertificate],
        Timeout = TimeSpan.FromSeconds(10),
    };

    [SkippableFact]
    public async Task ServerCertFromAnotherCa_IsServerCertificateUntrusted()
    {
        using X509Certificate2 otherCa = TestCertificates.CreateCa("Not The KMIP CA");
        KmipException e = await Fails(With(trustedCa: otherCa));
        AssertKind(KmipErrorKind.ServerCertificateUntrusted, e);
        Assert.Contains("chain", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ServerNameMismatch_IsServerCertificateUntrusted()
    {
        KmipException e = await Fails(With(targetHost: "kmip.example.com"));
        AssertKind(KmipErrorKind.ServerCertificateUntrusted, e);
        Assert.Contains("host name", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ClientCertFromAnotherCa_IsClientCertificateRejected()
    {
        using X509Certificate2 otherCa = TestCertificates.CreateCa("Rogue CA");
        using X509Certificate2 rogue = TestCertificates.IssueClient(otherCa, "kmip-test-client");
        KmipException e = await Fails(With(clientCertificate: rogue));
        AssertKind(KmipErrorKind.ClientCertificateRejected, e);
    }

    [SkippableFact]
    public async Task NoClientCert_IsClientCertificateRejected()
    {
        KmipException e = await Fails(With(noClientCertificate: true));
        AssertKind(KmipErrorKind.ClientCertificateRejected, e);
    }

    [SkippableFact]
    public async Task ClientCertWithoutClientAuthUsage_IsAuthenticationNotSuccessful()
    {
        // Same CA, so the handshake succeeds; PyKMIP then answers every request with AuthenticationNotSuccessful.
        using X509Certificate2 ca = X509Certificate2.CreateFromPemFile(server.CaCertPath, server.CaKeyPath);
        using X509Certificate2 noEku = TestCertificates.IssueClient(ca, "kmip-test-client", clientAuthUsage: false);
        KmipException e = await Fails(With(clientCertificate: noEku));
        AssertKind(KmipErrorKind.ClientCertificateRejected, e);
        Assert.Equal(ResultReason.AuthenticationNotSuccessful, Assert.IsType<KmipOperationException>(e).Reason);
    }

    [SkippableFact]
    public async Task ClosedPort_IsNetwork()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        KmipException e = await Fails(With() is var o ? new KmipClientOptions
        {
            Host = o.Host, Port = port, ClientCertificate = o.ClientCertificate, TrustedCaCertificates = o.TrustedCaCertificates,
        } : null!);
        AssertKind(KmipErrorKind.Network, e);
        Assert.Contains("ConnectionRefused", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UnknownHost_IsNetwork()
    {
        KmipException e = await Fails(new KmipClientOptions
        {
            Host = "kmip-server.invalid", ClientCertificate = server.ClientCertificate, TrustedCaCertificates = [server.CaCertificate],
            Timeout = TimeSpan.FromSeconds(5),
        });
        AssertKind(KmipErrorKind.Network, e);
    }

    [SkippableFact]
    public async Task SilentServer_TimesOutAsNetwork_WithinTheTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task<Socket> accepted = listener.AcceptSocketAsync();
        var sw = Stopwatch.StartNew();
        KmipException e = await Fails(new KmipClientOptions
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            ClientCertificate = server.ClientCertificate, TrustedCaCertificates = [server.CaCertificate],
            Timeout = TimeSpan.FromMilliseconds(800),
        });
        sw.Stop();
        AssertKind(KmipErrorKind.Network, e);
        Assert.Contains("timed out", e.Message, StringComparison.Ordinal);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(3));
        (await accepted).Dispose();
    }

    [SkippableFact]
    public async Task Cancellation_IsHonouredAndNotReportedAsTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var client = new KmipClient(new KmipClientOptions
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            ClientCertificate = server.ClientCertificate, TrustedCaCertificates = [server.CaCertificate],
            Timeout = TimeSpan.FromSeconds(30),
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DiscoverVersionsAsync(cts.Token));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"took {sw.Elapsed}");
    }

    [SkippableFact]
    public async Task UnknownObject_IsOperationItemNotFound()
    {
        await using var client = new KmipClient(server.Options());
        var e = await Assert.ThrowsAsync<KmipOperationException>(() => client.GetKeyMaterialAsync("999999"));
        Assert.Equal((KmipErrorKind.Operation, ResultStatus.OperationFailed, ResultReason.ItemNotFound),
            (e.Kind, e.Status, e.Reason!.Value));
        Assert.Equal("Could not locate object: 999999", e.ResultMessage);

        // The failed item does not spoil the pooled connection.
        Assert.NotEmpty(await client.DiscoverVersionsAsync());
    }
}
