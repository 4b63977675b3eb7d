using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Storage;
using Microsoft.Extensions.Options;

namespace Keyhold.Onboard;

public static class OnboardRegistration
{
    /// <summary>The onboard key manager: its options (validated on start), service, root keys, key store, recovery and node sync.</summary>
    public static IServiceCollection AddOnboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OnboardOptions>()
            .Bind(configuration.GetSection(OnboardOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid onboard settings: check Keyhold:KdfIterations, Keyhold:NodeSyncInterval, Keyhold:PassphraseAttempts, Keyhold:KeyBackupKeepBytes and Keyhold:KeyBackupIdle.")
            .ValidateOnStart();
        services.AddSingleton(sp => new PassphraseAttemptLimiter(
            sp.GetRequiredService<IOptions<OnboardOptions>>().Value.PassphraseAttempts, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RootKeyCache>();
        services.AddSingleton<OnboardService>();
        services.AddSingleton<OnboardHealth>();
        services.AddSingleton<IKeyStore, OnboardKeyStore>();
        services.AddSingleton(sp => new OnboardRecoveryService(sp.GetRequiredService<IStore>(),
            sp.GetRequiredService<ClusterRepository>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<PassphraseAttemptLimiter>(),
            sp.GetServices<IBackupParticipant>()));
        services.AddHostedService<NodeSyncService>();
        return services;
    }
}
