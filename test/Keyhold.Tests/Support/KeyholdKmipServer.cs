using System.Net;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Kmip;

namespace Keyhold.Tests.Support;

/// <summary>
/// A real `keyhold serve` with its KMIP listener on a loopback port (Keyhold__Kmip__Endpoint), set up the way an
/// operator does it through REST: the onboard key manager enabled and a client CA installed as a <c>client_ca</c>
/// certificate. Clients trust DATA/kmip-ca.crt and present leaves of that CA; a leaf's common name is the identity.
/// </summary>
public sealed class KeyholdKmipServer : IDisposable
{
    private readonly TestPki _pki = new("KMIP Clients CA");
    private readonly Dictionary<string, X509Certificate2> _clients = new(StringComparer.Ordinal);

    private KeyholdKmipServer(KeyholdProcess process, int kmipPort)
    {
        Process = process;
        KmipPort = kmipPort;
    }

    public KeyholdProcess Process { get; }

    public int KmipPort { get; }

    public string KmipEndpoint => $"127.0.0.1:{KmipPort}";

    /// <summary>The KMIP CA's certificate that keyhold wrote at first start.</summary>
    public string CaPem => File.ReadAllText(Path.Combine(Process.DataDir, "kmip-ca.crt"));

    public string ClientCaPem => _pki.CaPem;

    public static async Task<KeyholdKmipServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        int port = KeyholdProcess.FreePort();
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["Keyhold__Kmip__Endpoint"] = $"127.0.0.1:{port}" };
        var server = new KeyholdKmipServer(KeyholdProcess.WithEnvironment(settings), port);
        try
        {
            using var client = server.Process.Client();
            await OnboardSetup.EnableAsync(client);
            var installed = await client.PostJsonAsync("/api/security/certificates", new { type = "client_ca", public_certificate = server._pki.CaPem, name = "kmip_clients" });
            Assert.True(installed.Status is HttpStatusCode.Created or HttpStatusCode.Accepted, $"client_ca install answered {installed.Status}: {installed.Body}");
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A client certificate (with key) for <paramref name="identity"/>, issued once by the installed client CA.</summary>
    public X509Certificate2 ClientCertificate(string identity = "kmip-test-client")
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(identity, out X509Certificate2? cert))
            {
                (string certPem, string keyPem) = _pki.Leaf(identity);
                using var pem = X509Certificate2.CreateFromPem(certPem, keyPem);
                // Through PKCS#12 so the key is usable by SslStream on every platform.
                cert = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
                _clients[identity] = cert;
            }
            return cert;
        }
    }

    public KmipClientOptions Options(string identity = "kmip-test-client", TimeSpan? timeout = null) => new()
    {
        Host = "127.0.0.1",
        Port = KmipPort,
        ClientCertificate = ClientCertificate(identity),
        TrustedCaCertificates = [X509Certificate2.CreateFromPem(CaPem)],
        Timeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    public Task<KmipRawConnection> ConnectAsync(CancellationToken ct = default) => KmipRawConnection.OpenAsync(Options(), ct);

    /// <summary>Writes the trust and client PEMs into <paramref name="dir"/> for outside clients (PyKMIP): ca.crt, client.crt, client.key.</summary>
    public void WritePems(string dir, string identity = "kmip-test-client")
    {
        X509Certificate2 cert = ClientCertificate(identity);
        File.WriteAllText(Path.Combine(dir, "ca.crt"), CaPem);
        File.WriteAllText(Path.Combine(dir, "client.crt"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "client.key"), cert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Process.Dispose();
        foreach (X509Certificate2 cert in _clients.Values)
        {
            cert.Dispose();
        }
        _pki.Dispose();
    }
}
