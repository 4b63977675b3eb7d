namespace Keyhold.KeyRestore;

public static class KeyRestoreRegistration
{
    /// <summary>POST …/restore (ONTAP 9.13): its checks, the per-key repair on the key servers and the job.</summary>
    public static IServiceCollection AddKeyRestore(this IServiceCollection services)
    {
        services.AddSingleton<KeyRestoreRules>();
        services.AddSingleton<KeyCopies>();
        services.AddSingleton<KeyRestorer>();
        services.AddSingleton<KeyRestoreService>();
        return services;
    }
}
