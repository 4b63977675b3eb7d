using Keyhold.External;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keyhold.Api.Health;

/// <summary>
/// Key-server reachability as this node last probed it: reported, never required. A node with an unreachable key
/// server is Degraded (still 200): it serves everything else, and another server may hold the keys.
/// </summary>
public sealed class KeyServersHealthCheck(ConnectivityCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = cache.All();
        var down = states.Where(s => !s.Value.Available).Select(s => s.Key.Server).Distinct().Order(StringComparer.Ordinal).ToList();
        var data = new Dictionary<string, object>
        {
            ["reachable"] = states.Count(s => s.Value.Available),
            ["unreachable"] = states.Count - states.Count(s => s.Value.Available),
        };
        if (down.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy(states.Count == 0 ? "No key servers are configured." : "Every key server answers.", data));
        }
        data["unreachable_servers"] = down;
        return Task.FromResult(HealthCheckResult.Degraded("Some key servers do not answer.", data: data));
    }
}
