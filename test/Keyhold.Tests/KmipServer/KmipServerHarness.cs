using System.Net;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Kmip;
using Keyhold.KmipServer;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KmipServer;

/// <summary>
/// An in-process Keyhold serving KMIP on a free loopback port, with a test CA installed as its client_ca and, unless
/// asked otherwise, the onboard key manager enabled. Clients are real TLS clients of the listener (Keyhold.Kmip).
/// </summary>
public sealed class KmipServerHarness : IAsyncDisposable
{
    private readonly bool ownsPki;

    private KmipServerHarness(KeyholdFactory factory, TestPki pki, bool ownsPki)
    {
        Factory = factory;
        Pki = pki;
        this.ownsPki = ownsPki;
    }

    public KeyholdFactory Factory { get; }

    public TestPki Pki { get; }

    public int Port => Factory.Service<KmipListenerState>().BoundPort ?? throw new InvalidOperationException("KMIP is not listening.");

    public static async Task<KmipServerHarness> StartAsync(bool onboard = true, string? dataDir = null, string? storePath = null, TestPki? pki = null,
        string? nodeName = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new KeyholdFactory(dataDir, storePath, nodeName);
        factory.Settings["Keyhold:Kmip:Endpoint"] = "127.0.0.1:0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            factory.Settings[key] = value;
        }
        bool owns = pki is null;
        pki ??= new TestPki("Keyhold KMIP client CA");
        var harness = new KmipServerHarness(factory, pki, owns);
        using HttpClient admin = factory.Admin();
        var installed = await admin.PostJsonAsync("/api/security/certificates", new { type = "client_ca", public_certificate = pki.CaPem, name = "kmip_clients" });
        if (installed.Status != HttpStatusCode.Created && installed.Status != HttpStatusCode.Conflict)
        {
            installed.AssertStatus(HttpStatusCode.Created);
        }
        if (onboard)
        {
            await OnboardSetup.EnableAsync(admin);
        }
        return harness;
    }

    /// <summary>A KMIP client whose certificate has subject CN=<paramref name="identity"/>, trusting DATA/kmip-ca.crt only.</summary>
    public KmipClient Client(string identity, ProtocolVersion? version = null, TestPki? issuer = null) =>
        new(Options(identity, version, issuer));

    public KmipClientOptions Options(string identity, ProtocolVersion? version = null, TestPki? issuer = null, string? caFrom = null)
    {
        var (cert, key) = (issuer ?? Pki).Leaf(identity);
        using var pem = X509Certificate2.CreateFromPem(cert, key);
        return new KmipClientOptions
        {
            Host = "127.0.0.1",
            Port = Port,
            ClientCertificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null),
            TrustedCaCertificates = [X509CertificateLoader.LoadCertificateFromFile(Path.Combine(caFrom ?? Factory.DataDir, KmipCertificateAuthority.CertificateFile))],
            ProtocolVersion = version,
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (ownsPki)
        {
            Pki.Dispose();
        }
    }
}
