using Keyhold.Storage;
using Microsoft.Extensions.Options;

using Keyhold.Cluster;

namespace Keyhold.Onboard;

/// <summary>
/// Keeps the cluster secret on every node: a node that holds it seals a copy for nodes that joined
/// later, and a node that lacks it picks up the copy made for it. (Onboard root keys are different:
/// ONTAP asks an administrator to synchronize them with the passphrase.)
/// </summary>
public sealed class NodeSyncService(IStore store, ClusterSecret secret, NodeKey nodeKey, NodeIdentity node, IOptions<OnboardOptions> options, ILogger<NodeSyncService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.NodeSyncInterval);
        do
        {
            try
            {
                await secret.RefreshAsync(store, nodeKey, node.Uuid, stoppingToken);
                var sealedFor = await secret.SealForNewNodesAsync(store, stoppingToken);
                if (sealedFor > 0)
                {
                    logger.LogInformation("Sealed the cluster secret for {Count} new node(s)", sealedFor);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Node synchronisation failed: {Type}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
