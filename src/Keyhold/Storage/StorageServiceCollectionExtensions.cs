using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Keyhold.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The cluster store named by <see cref="StoreOptions"/> (checked at start), and its SQL dialect: the store knows
    /// its own, so nothing else chooses one.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.Section))
            .ValidateOnStart();
        // A validator rather than Validate(predicate), so the failure names the actual problem.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidation>());
        services.AddMetrics();
        services.AddSingleton<StoreMetrics>();
        services.AddSingleton(sp => StoreFactory.Create(sp.GetRequiredService<IOptions<StoreOptions>>().Value, sp.GetRequiredService<StoreMetrics>()));
        services.AddSingleton(sp => sp.GetRequiredService<IStore>().Dialect);
        services.AddHostedService<RowCountCompactor>();
        return services;
    }
}
