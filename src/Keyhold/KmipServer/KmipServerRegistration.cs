using Keyhold.KmipServer.Operations;
using Microsoft.Extensions.Options;

namespace Keyhold.KmipServer;

public static class KmipServerRegistration
{
    /// <summary>
    /// The KMIP door: options (section Keyhold:Kmip, checked at start), the listener as a hosted service (idle unless an
    /// endpoint is set), TLS identity, and the operations mapped onto the KMIP objects feature.
    /// </summary>
    public static IServiceCollection AddKmipServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KmipServerOptions>().Bind(configuration.GetSection(KmipServerOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KmipServerOptions>, KmipServerOptionsValidation>();
        services.AddOptions<KmipDataDir>().Configure(d => d.Path = configuration["Keyhold:DataDir"] ?? "data");
        services.AddSingleton<KmipListenerState>();
        services.AddSingleton<KmipClientTrust>();
        services.AddSingleton<KmipClientsSeen>();
        services.AddSingleton<KmipServerCertificate>();
        services.AddSingleton<ObjectOperations>();
        services.AddSingleton<AttributeOperations>();
        services.AddSingleton<LifecycleOperations>();
        services.AddSingleton<LocateOperation>();
        services.AddSingleton<KmipOperationTable>();
        services.AddSingleton<KmipRequestHandler>();
        services.AddSingleton<KmipAuditQueue>();
        services.AddHostedService<KmipListener>();
        return services;
    }
}
