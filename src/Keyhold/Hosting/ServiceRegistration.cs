using Keyhold.Api.Health;
using Keyhold.AuthKeys;
using Keyhold.Certificates;
using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.Hosting.Observability;
using Keyhold.Jobs;
using Keyhold.KeyManagerConfigs;
using Keyhold.KeyManagers;
using Keyhold.KeyRestore;
using Keyhold.Keystores;
using Keyhold.MetroCluster;
using Keyhold.KmipObjects;
using Keyhold.KmipServer;
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
        // Lower layers first, as the architecture test orders them; each feature binds and validates its own options.
        services
            .AddSecurity(configuration)
            .AddCluster(configuration)
            .AddJobs()
            .AddKeys(configuration)
            .AddVolumes()
            .AddOnboard(configuration)
            .AddCertificates()
            .AddExternal(configuration)
            .AddMigration()
            .AddMetroCluster(configuration)
            .AddKeyManagerConfigs()
            .AddAuthKeys()
            .AddKeyRestore()
            .AddKeyManagers()
            .AddKeystores()
            .AddKmipObjects()
            .AddKmipServer(configuration);
        services.AddSingleton<Api.KeyManagers.KeyManagerAnswers>();
        services.AddSingleton<Api.Ontap.PageAnswers>();
        services.AddKeyholdHealthChecks();
        services.AddObservability(configuration);
        return services;
    }
}
