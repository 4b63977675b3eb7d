using Keyhold.Onboard;
using Keyhold.Certificates;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>
/// Probes every configured key server from this node every <see cref="ExternalOptions.Interval"/>
/// (TLS + Discover Versions) and keeps the result in <see cref="ConnectivityCache"/>, which
/// <see cref="ConnectivityPublisher"/> shares with the other nodes.
/// </summary>
public sealed class ConnectivityMonitor(
    ExternalRepository repository,
    ExternalCertificates certificates,
    CertificateService certs,
    ClusterSecret secret,
    KmipProbe probe,
    ConnectivityCache cache,
    IOptions<ExternalOptions> options,
    TimeProvider clock,
    ILogger<ConnectivityMonitor> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await ProbeAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Key server connectivity check failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ProbeAllAsync(CancellationToken ct)
    {
        var listedAt = clock.GetUtcNow();
        var configs = await repository.AllAsync(ct);
        cache.Retain(configs.SelectMany(c => c.Servers.Select(s => (c.KeyManagerUuid, s.Server))).ToHashSet(), listedAt);
        await Task.WhenAll(configs.Select(c => ProbeAsync(c, ct)));
    }

    private async Task ProbeAsync(ExternalConfig config, CancellationToken ct)
    {
        var client = await certificates.FindAsync(config.ClientCertificate, ct);
        var cas = new List<StoredCertificate>();
        foreach (var ca in config.ServerCas)
        {
            if (await certificates.FindAsync(ca, ct) is { } found)
            {
                cas.Add(found);
            }
        }
        if (client is null || cas.Count == 0)
        {
            return; // certificates are in use, hence cannot vanish; a concurrent delete of the key manager can race us
        }
        using var identity = KmipIdentity.Load(certs, client, cas, secret, options.Value);
        await Task.WhenAll(config.Servers.Select(async server =>
        {
            var failure = await probe.TryAsync(identity, server, ct);
            var before = cache.Find(config.KeyManagerUuid, server.Server);
            cache.Record(config.KeyManagerUuid, server.Server, failure is null);
            if (failure is null && before is { Available: false })
            {
                log.LogInformation("Key server {Server} is available again.", server.Server);
            }
        }));
    }
}
