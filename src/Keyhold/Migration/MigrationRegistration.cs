namespace Keyhold.Migration;

public static class MigrationRegistration
{
    /// <summary>Moving an SVM's keys between the cluster's onboard key manager and the SVM's external one.</summary>
    public static IServiceCollection AddMigration(this IServiceCollection services)
    {
        services.AddSingleton<MigrationRules>();
        services.AddSingleton<KeyMove>();
        services.AddSingleton<KeyMigration>();
        services.AddSingleton<MigrationService>();
        return services;
    }
}
