using Keyhold.Security;

namespace Keyhold.Certificates;

/// <summary>Registers certificate storage and the install/delete rules.</summary>
public static class CertificateRegistration
{
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddSingleton<CertificateRepository>();
        services.AddSingleton<CertificateService>();
        services.AddSingleton<IClientCaSource, ClientCaSource>();
        return services;
    }
}
