using Keyhold.Storage.Query;
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

using Keyhold.Api.Security;

namespace Keyhold.Hosting;

public static class ServiceRegistration
{
    public static IServiceCollection AddKeyhold(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KeyholdOptions>(configuration.GetSection(KeyholdOptions.Section));
        services.AddSingleton<Bootstrap>();
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().Store);
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().Node);
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().NodeKey);
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().Context);
        services.AddSingleton(sp => sp.GetRequiredService<Bootstrap>().Secret);
        services.AddSingleton<ISqlDialect>(sp => sp.GetRequiredService<IStore>().Kind == "sqlite" ? SqliteDialect.Instance : PostgresDialect.Instance);

        services.AddSingleton(TimeProvider.System);
        services.AddCertificates();
        services.AddSingleton<AccountRepository>();
        services.AddSingleton<BasicAuthentication>();
        services.AddSingleton<AuditLog>();
        services.AddCluster();
        services.AddJobs();

        services.AddOnboard(configuration);
        services.AddKeyManagers();

        services.AddExternal(configuration);

        // Key stores, one per key manager kind.
        services.AddSingleton<KeyStores>();
        services.AddSingleton<KeyIdRepository>();
        services.AddVolumes();
        services.AddMigration();
        return services;
    }
}
