namespace Keyhold.MetroCluster;

public static class MetroClusterRegistration
{
    /// <summary>The MetroCluster partner (validated on start) and the onboard sync rules that use it.</summary>
    public static IServiceCollection AddMetroCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetroClusterOptions>()
            .Bind(configuration.GetSection(MetroClusterOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid MetroCluster settings: Keyhold:MetroCluster needs an https Partner, a PartnerCertificate file, PartnerUser and PartnerPassword.")
            .ValidateOnStart();
        services.AddSingleton<PartnerClient>();
        services.AddSingleton<MetroClusterSync>();
        services.AddSingleton<MetroClusterStatus>();
        return services;
    }
}
