
namespace Keyhold.KeyManagers;

public static class KeyManagersRegistration
{
    /// <summary>The key-managers resource's rules (routing to onboard or external) and its reader.</summary>
    public static IServiceCollection AddKeyManagers(this IServiceCollection services)
    {
        services.AddSingleton<KeyManagerReader>();
        services.AddSingleton<KeyManagerService>();
        services.AddSingleton<ConfigurationDeletion>();
        return services;
    }
}
