using Keyhold.Cluster;
using Keyhold.Onboard;
using Keyhold.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keyhold.Api.Health;

/// <summary>Ready needs this node's key loaded, and it must be the key the cluster knows this node by (else nothing sealed to it opens).</summary>
public sealed class NodeKeyHealthCheck(NodeKey nodeKey, NodeIdentity node, IStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["node"] = node.Name, ["node_uuid"] = node.Uuid.ToString() };
        var known = await store.ReadAsync((c, ct) => Db.SingleOrDefaultAsync(c, null, "SELECT public_key FROM nodes WHERE uuid = @u",
            r => (byte[])r.GetValue(0), ct, ("@u", node.Uuid)), cancellationToken);
        if (known is null)
        {
            return HealthCheckResult.Unhealthy("This node is not registered in the store.", data: data);
        }
        return known.AsSpan().SequenceEqual(nodeKey.PublicKey)
            ? HealthCheckResult.Healthy("The node key is loaded.", data)
            : HealthCheckResult.Unhealthy("The loaded node key is not the one the cluster knows for this node.", data: data);
    }
}
