using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keyhold.Api.Health;

/// <summary>
/// /health/live (the process answers) and /health/ready (it can serve: store, node key, root key). Outside /api, so
/// no credentials are needed: a load balancer or orchestrator probes them, and they reveal nothing secret.
/// </summary>
public static class HealthApi
{
    private const string Ready = "ready";

    /// <summary>Bounds each readiness check, so a hanging store makes the node unready rather than the probe hang.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddKeyholdHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<NodeKeyHealthCheck>("node_key", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<RootKeyHealthCheck>("onboard_root_key", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<KeyServersHealthCheck>("key_servers", tags: [Ready], timeout: CheckTimeout);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthJson.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
    }
}
