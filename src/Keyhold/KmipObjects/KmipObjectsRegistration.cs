namespace Keyhold.KmipObjects;

public static class KmipObjectsRegistration
{
    /// <summary>KMIP objects: the rules (KmipObjectService), their store access and the wrapping under the onboard root key.</summary>
    public static IServiceCollection AddKmipObjects(this IServiceCollection services)
    {
        services.AddSingleton<KmipMaterial>();
        services.AddSingleton<KmipObjectRepository>();
        services.AddSingleton<KmipObjectService>();
        services.AddSingleton<Onboard.IBackupParticipant, KmipObjectBackup>();
        return services;
    }
}
