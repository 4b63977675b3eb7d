using System.Globalization;
using Keyhold.Keys;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>Registers external key management: its options, services, the KMIP key store and the connectivity monitor.</summary>
public static class ExternalRegistration
{
    /// <summary>The configuration section the options are read from (shared with the host's own settings).</summary>
    public const string Section = "Keyhold";

    public static IServiceCollection AddExternal(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.AddOptions<ExternalOptions>()
            .Configure(o => Bind(section, o))
            .Validate(o => o.Problem() is null, "Keyhold:ConnectivityInterval and Keyhold:KmipConnectTimeout must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<ExternalRepository>();
        services.AddSingleton<ExternalCertificates>();
        services.AddSingleton<KmipProbe>();
        services.AddSingleton<ConnectivityCache>();
        services.AddMetrics();
        services.AddSingleton<ExternalMetrics>();
        services.AddSingleton<HealthMonitorMetrics>();
        services.AddSingleton<ConnectivityRepository>();
        services.AddSingleton<ConnectivityReport>();
        services.AddSingleton<KmipClients>();
        services.AddSingleton<IKmipKeyServers, KmipKeyServers>();
        services.AddSingleton<IKeyRowCheck, ExternalKeyRowCheck>();
        services.AddSingleton<ExternalService>();
        services.AddSingleton<KeyServerService>();
        services.AddSingleton<IKeyStore, ExternalKeyStore>();
        services.AddHostedService<ConnectivityMonitor>();
        services.AddHostedService<ConnectivityPublisher>();
        return services;
    }

    // Durations stay written as they always were, in seconds; a TimeSpan ("00:00:10") is accepted too.
    private static void Bind(IConfigurationSection section, ExternalOptions options)
    {
        if (Duration(section, nameof(ExternalOptions.ConnectivityInterval)) is { } interval)
        {
            options.ConnectivityInterval = interval;
            options.ProbeInterval = interval < ExternalOptions.MinInterval ? ExternalOptions.MinInterval : interval;
        }
        if (Duration(section, nameof(ExternalOptions.KmipConnectTimeout)) is { } timeout)
        {
            options.KmipConnectTimeout = timeout;
        }
    }

    private static TimeSpan? Duration(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new OptionsValidationException(key, typeof(ExternalOptions), [$"{Section}:{key} is neither seconds nor a TimeSpan: '{text}'."]);
    }
}
