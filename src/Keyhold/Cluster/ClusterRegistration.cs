using Keyhold.Storage;

namespace Keyhold.Cluster;

public static class ClusterRegistration
{
    /// <summary>The cluster's node registry and its SVMs.</summary>
    public static IServiceCollection AddCluster(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ClusterRepository(sp.GetRequiredService<IStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SvmRepository>();
        services.AddSingleton<SvmService>();
        services.AddSingleton<ClusterIdentityService>();
        return services;
    }
}
