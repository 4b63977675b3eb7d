using Keyhold.Storage;

namespace Keyhold.Cluster;

public static class ClusterRegistration
{
    /// <summary>The cluster's node registry, the nodes' heartbeat and the SVMs.</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HeartbeatOptions>()
            .Bind(configuration.GetSection(HeartbeatOptions.Section))
            .Validate(o => o.NodeHeartbeatInterval > TimeSpan.Zero, "Keyhold:NodeHeartbeatInterval must be positive.")
            .ValidateOnStart();
        services.AddHostedService<HeartbeatService>();
        services.AddSingleton(sp => new ClusterRepository(sp.GetRequiredService<IStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SvmRepository>();
        services.AddSingleton<SvmService>();
        services.AddSingleton<ClusterIdentityService>();
        return services;
    }
}
