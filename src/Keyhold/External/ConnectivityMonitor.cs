using Keyhold.Certificates;
using Keyhold.Keys;
using Keyhold.Onboard;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>
/// The key-manager health monitor of this node. A round probes every configured key server (TLS + Discover Versions)
/// into <see cref="ConnectivityCache"/>, which <see cref="ConnectivityPublisher"/> shares with the other nodes, and checks
/// that this node holds the onboard root key. Rounds run every <c>health_monitor_polling_interval</c> minutes of
/// /api/security/key-manager-configs, or every <see cref="ExternalOptions.ProbeInterval"/> when the operator set one;
/// <c>health_monitor_policy.kmip/okm.enabled=false</c> leaves that type out (docs/key-manager-configs.md).
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
    ILogger<ConnectivityMonitor> log,
    HealthMonitorMetrics metrics,
    OnboardHealth onboard,
    IKeyManagerSettings? settings = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The monitor wakes every publishing interval to read the configuration (one small row), so a changed polling
        // interval or policy is followed within one wake on every node; a round runs when it is due.
        var wake = options.Value.Interval;
        using var timer = new PeriodicTimer(wake, clock);
        DateTimeOffset? lastRound = null;
        do
        {
            try
            {
                var current = settings is null ? KeyManagerSettings.Default : await settings.GetAsync(stoppingToken);
                var every = options.Value.ProbeInterval ?? current.PollingInterval;
                var okm = current.Policy("okm").Enabled;
                var kmip = current.Policy("kmip").Enabled;
                metrics.Following(every, okm, kmip);
                // Half a wake of slack: timer ticks land a little before a full interval after the round they follow.
                if (lastRound is { } last && clock.GetUtcNow() - last < every - wake / 2)
                {
                    continue;
                }
                lastRound = clock.GetUtcNow();
                await RoundAsync(okm, kmip, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Key manager health check failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RoundAsync(bool okm, bool kmip, CancellationToken ct)
    {
        if (okm)
        {
            metrics.OnboardRootKey(await onboard.NodeHoldsRootKeyAsync(ct));
            metrics.Round("okm");
        }
        if (kmip)
        {
            await ProbeAllAsync(ct);
            metrics.Round("kmip");
        }
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
