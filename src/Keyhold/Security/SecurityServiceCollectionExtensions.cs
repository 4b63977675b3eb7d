using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keyhold.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Accounts, password checks, the login policy and the audit log (the HTTP side lives in Api/Security).</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LoginPolicyOptions>()
            .Bind(configuration.GetSection(LoginPolicyOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid login policy: check Keyhold:Login:MaxFailedAttempts and Keyhold:Login:LockoutDuration.")
            .ValidateOnStart();
        services.AddSingleton<AccountRepository>();
        services.AddMetrics();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<LoginPolicy>();
        services.AddSingleton(sp => new Authenticator(sp.GetRequiredService<AccountRepository>(), sp.GetRequiredService<SecurityMetrics>(), sp.GetRequiredService<LoginPolicy>()));
        services.AddSingleton<AccountService>();
        services.AddSingleton<AuditLog>();
        return services;
    }
}
