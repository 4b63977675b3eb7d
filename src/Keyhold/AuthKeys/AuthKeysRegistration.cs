namespace Keyhold.AuthKeys;

public static class AuthKeysRegistration
{
    /// <summary>NSE authentication keys (/auth-keys): their rules and store access.</summary>
    public static IServiceCollection AddAuthKeys(this IServiceCollection services)
    {
        services.AddSingleton<AuthKeyRepository>();
        services.AddSingleton<AuthKeyService>();
        return services;
    }
}
