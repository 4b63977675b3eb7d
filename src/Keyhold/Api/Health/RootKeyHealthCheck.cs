using Keyhold.Onboard;
using Keyhold.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keyhold.Api.Health;

/// <summary>
/// With onboard key management enabled, a node is ready only when it holds (and can open) its sealed copy of the
/// root key; a node that joined later stays unready until an administrator synchronizes it.
/// </summary>
public sealed class RootKeyHealthCheck(IStore store, RootKeyCache rootKeys) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var managers = await store.ReadAsync((c, ct) => Db.QueryAsync(c, null, "SELECT key_manager_uuid FROM onboard",
            r => Guid.Parse(r.GetValue(0).ToString()!), ct), cancellationToken);
        var data = new Dictionary<string, object> { ["onboard_key_managers"] = managers.Count };
        if (managers.Count == 0)
        {
            return HealthCheckResult.Healthy("Onboard key management is not enabled.", data);
        }
        var missing = new List<string>();
        foreach (var uuid in managers)
        {
            if (await rootKeys.GetAsync(uuid, cancellationToken) is null)
            {
                missing.Add(uuid.ToString());
            }
        }
        if (missing.Count == 0)
        {
            return HealthCheckResult.Healthy("This node holds the onboard root key.", data);
        }
        data["missing"] = missing;
        return HealthCheckResult.Unhealthy("This node holds no copy of the onboard root key; synchronize it.", data: data);
    }
}
