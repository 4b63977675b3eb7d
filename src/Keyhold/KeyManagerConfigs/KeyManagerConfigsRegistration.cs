using Keyhold.Keys;

namespace Keyhold.KeyManagerConfigs;

public static class KeyManagerConfigsRegistration
{
    /// <summary>The cluster's key-manager configuration: its rules, and the store row the lower features read through <see cref="IKeyManagerSettings"/>.</summary>
    public static IServiceCollection AddKeyManagerConfigs(this IServiceCollection services)
    {
        services.AddSingleton<KeyManagerConfigRepository>();
        services.AddSingleton<IKeyManagerSettings>(sp => sp.GetRequiredService<KeyManagerConfigRepository>());
        services.AddSingleton<KeyManagerConfigService>();
        return services;
    }
}
