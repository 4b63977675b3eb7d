using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Certificates;
using Keyhold.Onboard;
using Keyhold.Storage;
using Microsoft.Extensions.Options;

namespace Keyhold.KmipServer;

/// <summary>
/// The certificate the listener presents: by default one issued at start by the cluster's KMIP CA (whose certificate is
/// written to DATA/kmip-ca.crt); with <c>Keyhold:Kmip:ServerCertificate</c>, an installed cluster <c>server</c>
/// certificate chosen by name or uuid. Made once, on the first connection that needs it.
/// </summary>
public sealed class KmipServerCertificate(
    IStore store, ClusterSecret secret, CertificateRepository certificates, CertificateService certificateService,
    IOptions<KmipServerOptions> options, IOptions<KmipDataDir> dataDir, KmipListenerState state, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private SslStreamCertificateContext? context;

    /// <summary>The context, or null while it cannot be made yet (this node does not hold the cluster secret).</summary>
    public async Task<SslStreamCertificateContext?> GetAsync(string host, CancellationToken ct)
    {
        if (context is not null)
        {
            return context;
        }

        await gate.WaitAsync(ct);
        try
        {
            context ??= await CreateAsync(host, ct);
            return context;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SslStreamCertificateContext?> CreateAsync(string host, CancellationToken ct)
    {
        if (options.Value.ServerCertificate is { } chosen)
        {
            List<StoredCertificate> servers = await certificates.ClusterOfTypeAsync(CertificateType.Server, ct);
            StoredCertificate installed = servers.FirstOrDefault(c => c.Name == chosen || c.Uuid.ToString() == chosen)
                ?? throw new InvalidOperationException($"No installed cluster server certificate is named '{chosen}'.");
            X509Certificate2 leaf = certificateService.LoadClientIdentity(installed);
            var intermediates = new X509Certificate2Collection();
            foreach (string pem in installed.Intermediates)
            {
                intermediates.ImportFromPem(pem);
            }

            return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        }

        X509Certificate2? ca = await KmipCertificateAuthority.LoadOrCreateAsync(store, secret, dataDir.Value.Path, clock, ct);
        if (ca is null)
        {
            state.Problem = "This node does not hold the cluster secret yet; the KMIP CA is not available.";
            return null;
        }

        using (ca)
        {
            state.Problem = null;
            state.CaCertificatePem = ca.ExportCertificatePem();
            X509Certificate2 server = KmipCertificateAuthority.IssueServerCertificate(ca, host);
            using X509Certificate2 publicCa = X509CertificateLoader.LoadCertificate(ca.RawData);
            return SslStreamCertificateContext.Create(server, [publicCa], offline: true);
        }
    }

    public void Dispose() => gate.Dispose();
}

/// <summary>The node's data folder, as the KMIP door needs it (bound by the composition root).</summary>
public sealed class KmipDataDir
{
    public string Path { get; set; } = "data";
}
