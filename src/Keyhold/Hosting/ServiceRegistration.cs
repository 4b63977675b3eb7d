using Keyhold.Certificates;
using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.Jobs;
using Keyhold.KeyManagers;
using Keyhold.Keys;
using Keyhold.Migration;
using Keyhold.Onboard;
using Keyhold.Security;
using Keyhold.Storage;
using Keyhold.Volumes;

namespace Keyhold.Hosting;

public static class ServiceRegistration
{
    public static IServiceCollection AddKeyhold(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KeyholdOptions>(configuration.GetSection(KeyholdOptions.Section));
        services.AddStorage(configuration);
        services.AddSingleton<Bootstrap>();
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().Node);
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().NodeKey);
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().Context);
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().Secret);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CertificateRepository>();
        services.AddSingleton<CertificateService>();
        services.AddSecurity();
        services.AddSingleton<ClusterRepository>();
        services.AddSingleton<SvmRepository>();
        services.AddSingleton<SvmService>();
        services.AddSingleton<JobRepository>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobSweep>();
        services.AddHostedService<NodeSyncService>();

        services.AddSingleton(_ => new PassphraseAttemptLimiter());
        services.AddSingleton<RootKeyCache>();
        services.AddSingleton<KeyManagerRepository>();
        services.AddSingleton<OnboardService>();
        services.AddSingleton<ExternalView>();
        services.AddSingleton<KeyManagerView>();
        services.AddSingleton<KeyManagerService>();

        services.Configure<ExternalOptions>(configuration.GetSection(KeyholdOptions.Section));
        services.AddSingleton<ExternalRepository>();
        services.AddSingleton<ExternalCertificates>();
        services.AddSingleton<KmipProbe>();
        services.AddSingleton<ConnectivityCache>();
        services.AddSingleton<ConnectivityRepository>();
        services.AddSingleton<ConnectivityView>();
        services.AddSingleton<KmipClients>();
        services.AddSingleton<IKmipKeyServers, KmipKeyServers>();
        services.AddSingleton<ExternalService>();
        services.AddSingleton<KeyServerService>();
        services.AddSingleton<KeyServerView>();
        services.AddHostedService<ConnectivityMonitor>();
        services.AddHostedService<ConnectivityPublisher>();

        // Key stores, one per key manager kind.
        services.AddSingleton<IKeyStore, OnboardKeyStore>();
        services.AddSingleton<IKeyStore, ExternalKeyStore>();
        services.AddSingleton<KeyStores>();
        services.AddSingleton<KeyIdRepository>();
        services.AddSingleton<OnboardRecoveryService>();
        services.AddSingleton<VolumeRepository>();
        services.AddSingleton<VolumeKeys>();
        services.AddSingleton<VolumeEncryption>();
        services.AddSingleton<IInterruptedJobs, InterruptedEncryption>();
        services.AddSingleton<VolumeModification>();
        services.AddSingleton<VolumeService>();
        services.AddSingleton<MigrationRules>();
        services.AddSingleton<KeyMove>();
        services.AddSingleton<KeyMigration>();
        services.AddSingleton<MigrationService>();
        return services;
    }
}
