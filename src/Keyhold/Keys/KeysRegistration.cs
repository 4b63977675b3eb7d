namespace Keyhold.Keys;

public static class KeysRegistration
{
    /// <summary>The contracts features share: the key-manager rows, the data keys' IDs, the registry of key stores and the onboard key cap.</summary>
    public static IServiceCollection AddKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<KeyManagerRepository>();
        services.AddSingleton<KeyIdRepository>();
        services.AddSingleton<KeyStores>();
        services.AddOptions<OnboardKeyCapOptions>()
            .Bind(configuration.GetSection(OnboardKeyCapOptions.Section))
            .Validate(o => o.Problem() is null, $"Keyhold:OnboardMaxKeys must be between 1 and {OnboardKeyCapOptions.Ceiling}.")
            .ValidateOnStart();
        services.AddSingleton<OnboardKeyCap>();
        services.AddMetrics();
        services.AddSingleton<KeysMetrics>();
        return services;
    }
}
