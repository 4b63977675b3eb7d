using Keyhold.Certificates;
using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keyhold.Tests.External;

/// <summary>The external key manager's services wired by hand on a <see cref="ServiceStore"/>: no host, no HTTP.</summary>
public sealed class ExternalServices : IAsyncDisposable
{
    private ExternalServices(ServiceStore store, ExternalOptions options)
    {
        Base = store;
        Options = options;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Certificates = new CertificateService(store.Store, store.Secret, store.Clock);
        Cache = new ConnectivityCache(store.Clock);
        Connectivity = new ConnectivityRepository(store.Store);
        Repository = new ExternalRepository(store.Store);
        var references = new ExternalCertificates(store.Store);
        var probe = new KmipProbe(NullLogger<KmipProbe>.Instance);
        Report = new ConnectivityReport(Cache, Connectivity, new ClusterRepository(store.Store), store.Node, wrapped, store.Clock);
        Clients = new KmipClients(Repository, references, Certificates, store.Secret, wrapped);
        External = new ExternalService(store.Store, references, Certificates, store.Secret, probe, Cache, Clients, Report, wrapped, store.Clock);
        KeyServers = new KeyServerService(store.Store, new KeyManagerRepository(store.Store), External, store.Secret, probe, Cache, Report, Repository);
    }

    public ServiceStore Base { get; }

    public ExternalOptions Options { get; }

    public CertificateService Certificates { get; }

    public ConnectivityCache Cache { get; }

    public ConnectivityRepository Connectivity { get; }

    public ExternalRepository Repository { get; }

    public ConnectivityReport Report { get; }

    public KmipClients Clients { get; }

    public ExternalService External { get; }

    public KeyServerService KeyServers { get; }

    public static async Task<ExternalServices> CreateAsync() =>
        new(await ServiceStore.CreateAsync(), new ExternalOptions
        {
            ConnectivityInterval = TimeSpan.FromSeconds(10),
            KmipConnectTimeout = TimeSpan.FromSeconds(3),
        });

    /// <summary>Installs a certificate and returns a reference to it by uuid.</summary>
    public async Task<CertificateReference> InstallAsync(CertificateType type, string pem, string? key = null)
    {
        var cert = await Certificates.CreateAsync(new InstallCertificate(type) { PublicCertificate = pem, PrivateKey = key }, CancellationToken.None);
        return new CertificateReference(cert.Uuid.ToString(), null);
    }

    /// <summary>The peer's client certificate and CA, installed.</summary>
    public async Task<(CertificateReference Client, CertificateReference Ca)> InstallPeerAsync(KmipPeer peer) =>
        (await InstallAsync(CertificateType.Client, peer.ClientCertPem, peer.ClientKeyPem), await InstallAsync(CertificateType.ServerCa, peer.CaPem));

    /// <summary>A cluster external key manager on <paramref name="servers"/> (the peer's own address when none).</summary>
    public async Task<KeyManager> EnableOnAsync(KmipPeer peer, params string[] servers)
    {
        var (client, ca) = await InstallPeerAsync(peer);
        return await External.CreateAsync(null, new EnableExternal(client, [ca], servers.Length == 0 ? [peer.Server] : servers), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Clients.DisposeAsync();
        Base.Dispose();
    }
}
