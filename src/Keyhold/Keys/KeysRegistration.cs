namespace Keyhold.Keys;

public static class KeysRegistration
{
    /// <summary>The contracts features share: the key-manager rows, the data keys' IDs and the registry of key stores.</summary>
    public static IServiceCollection AddKeys(this IServiceCollection services)
    {
        services.AddSingleton<KeyManagerRepository>();
        services.AddSingleton<KeyIdRepository>();
        services.AddSingleton<KeyStores>();
        services.AddMetrics();
        services.AddSingleton<KeysMetrics>();
        return services;
    }
}
