using Keyhold.Ontap;
using Microsoft.Extensions.Options;
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
        services.AddOptions<OntapOptions>()
            .Bind(configuration.GetSection(OntapOptions.Section))
            .Validate(o => o.Problem() is null, $"Keyhold:Ontap:Version must be an ONTAP release from {OntapVersion.Oldest} to {OntapVersion.Newest}, e.g. \"9.14.1\".")
            .ValidateOnStart();
        // The one release this node answers as; read once, at start.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OntapOptions>>().Value.Parsed!);
        services.AddSingleton(sp => new ClusterRepository(sp.GetRequiredService<IStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SvmRepository>();
        services.AddSingleton<SvmService>();
        services.AddSingleton<ClusterIdentityService>();
        return services;
    }
}
