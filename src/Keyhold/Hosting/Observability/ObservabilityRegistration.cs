using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Security;
using Keyhold.Storage;
using OpenTelemetry.Metrics;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// Metrics through OpenTelemetry, exported in Prometheus text at /metrics: ASP.NET Core's request metrics (route,
/// status, duration) and the meters the features declare with System.Diagnostics.Metrics.
/// </summary>
public static class ObservabilityRegistration
{
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.IsValid, "Keyhold:Metrics:Access must be anonymous, authenticated or admin.")
            .ValidateOnStart();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(StoreMetrics.MeterName, SecurityMetrics.MeterName, KeysMetrics.MeterName, ExternalMetrics.MeterName,
                HealthMonitorMetrics.MeterName, KeyBackupPieces.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>The observable gauges exist once their owners do: make them before the first scrape.</summary>
    public static void StartMeters(IServiceProvider services)
    {
        services.GetRequiredService<KeysMetrics>();
        services.GetRequiredService<ExternalMetrics>();
        services.GetRequiredService<HealthMonitorMetrics>();
        services.GetRequiredService<SecurityMetrics>();
        services.GetRequiredService<StoreMetrics>();
    }
}
