using Microsoft.Extensions.Options;

namespace Keyhold.Cluster;

/// <summary>Writes this node's last-seen time to the shared store on every beat, so the other nodes can tell it is alive.</summary>
public sealed class HeartbeatService(ClusterRepository cluster, NodeIdentity node, IOptions<HeartbeatOptions> options, TimeProvider time, ILogger<HeartbeatService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.NodeHeartbeatInterval, time);
        do
        {
            try
            {
                await cluster.BeatAsync(node.Uuid, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store outage must not stop the beats: the next tick tries again.
                logger.LogWarning("Node heartbeat failed: {Type}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
