namespace Keyhold.Jobs;

public static class JobsRegistration
{
    /// <summary>Background jobs: the store of jobs, the runner and the start-up sweep of jobs a dead process left.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobRepository>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobSweep>();
        return services;
    }
}
