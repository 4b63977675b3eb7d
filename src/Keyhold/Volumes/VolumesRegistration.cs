using Keyhold.Jobs;

namespace Keyhold.Volumes;

public static class VolumesRegistration
{
    /// <summary>Volumes, the consumers of VEKs: their rules, keys and encryption jobs.</summary>
    public static IServiceCollection AddVolumes(this IServiceCollection services)
    {
        services.AddSingleton<VolumeRepository>();
        services.AddSingleton<VolumeKeys>();
        services.AddSingleton<VolumeEncryption>();
        services.AddSingleton<IInterruptedJobs, InterruptedEncryption>();
        services.AddSingleton<VolumeModification>();
        services.AddSingleton<NewVolumeContextCache>();
        services.AddSingleton<VolumeService>();
        return services;
    }
}
