using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Keyhold.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Accounts, password checks with their limiter and lockout policy, and the audit log (the HTTP side lives in Api/Security).</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LoginPolicyOptions>()
            .Bind(configuration.GetSection(LoginPolicyOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid login policy: check Keyhold:Login:MaxFailedAttempts and Keyhold:Login:LockoutDuration.")
            .ValidateOnStart();
        services.AddOptions<LoginOptions>()
            .Bind(configuration.GetSection(LoginOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid Keyhold:Login settings: see README's settings table.")
            .ValidateOnStart();
        services.AddSingleton<AccountRepository>();
        services.AddMetrics();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<LoginPolicy>();
        services.AddSingleton(sp => new LoginLimiter(sp.GetRequiredService<IOptions<LoginOptions>>().Value));
        services.AddSingleton(sp => new CredentialCache(sp.GetRequiredService<AccountRepository>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<LoginOptions>>().Value.RecheckAfter));
        services.AddSingleton(sp => new Authenticator(sp.GetRequiredService<AccountRepository>(), sp.GetRequiredService<LoginLimiter>(),
            sp.GetRequiredService<CredentialCache>(), sp.GetRequiredService<SecurityMetrics>(), sp.GetRequiredService<LoginPolicy>()));
        services.AddSingleton<AccountService>();
        services.AddSingleton(sp => new CertificateLogin(sp.GetRequiredService<AccountRepository>(), sp.GetService<IClientCaSource>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid Keyhold:Audit settings: see README's settings table.")
            .ValidateOnStart();
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<AuditSettingsStore>();
        services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SecurityMetrics>(),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddHostedService<AuditWriter>();
        return services;
    }
}
