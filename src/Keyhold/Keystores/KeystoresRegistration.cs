namespace Keyhold.Keystores;

public static class KeystoresRegistration
{
    /// <summary>/api/security/key-stores: configurations enabled or inactive, enabling and switching between them, deleting inactive ones.</summary>
    public static IServiceCollection AddKeystores(this IServiceCollection services)
    {
        services.AddSingleton<KeystoreSwitch>();
        services.AddSingleton<KeystoreService>();
        return services;
    }
}
