using Keyhold.Cluster;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>
/// Shares this node's probe results (<see cref="ConnectivityCache"/>) through the store, once per probe interval, so
/// every node reports every node's view. Only changed states are written, plus a heartbeat of all rows every
/// <see cref="ConnectivityTiming.HeartbeatEvery"/>: each SQLite commit is a synced write, so a steady cluster costs
/// one commit per node every other interval. It runs apart from the probes, so a hanging server cannot delay it.
/// </summary>
public sealed class ConnectivityPublisher(
    ConnectivityCache cache,
    ConnectivityRepository repository,
    NodeIdentity node,
    IOptions<ExternalOptions> options,
    TimeProvider clock,
    ILogger<ConnectivityPublisher> log) : BackgroundService
{
    private readonly Dictionary<(Guid KeyManager, string Server), bool> published = [];
    private DateTimeOffset lastHeartbeat = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await PublishAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Publishing key server connectivity failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PublishAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = cache.All();
        var heartbeat = now - lastHeartbeat >= ConnectivityTiming.HeartbeatEvery(options.Value);
        var due = current.Where(s => heartbeat || !published.TryGetValue(s.Key, out var was) || was != s.Value.Available).ToList();
        if (due.Count == 0)
        {
            return;
        }
        await repository.SaveAsync(node.Uuid,
            [.. due.Select(s => (s.Key.KeyManager, s.Key.Server, s.Value.Available ? ConnectivityStates.Available : ConnectivityStates.NotResponding))], now, ct);
        // Only after the commit: a failed write is retried in full on the next tick.
        published.Clear();
        foreach (var (key, state) in current)
        {
            published[key] = state.Available;
        }
        lastHeartbeat = heartbeat ? now : lastHeartbeat;
    }
}
