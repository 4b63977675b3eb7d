using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keyhold.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Accounts, password checks and the audit log (the HTTP side lives in Api/Security).</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AccountRepository>();
        services.AddMetrics();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<AuditLog>();
        return services;
    }
}
