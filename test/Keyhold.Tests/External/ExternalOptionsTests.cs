using Keyhold.External;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Keyhold.Tests.External;

/// <summary>AddExternal binds the existing Keyhold:* keys (seconds) into TimeSpans and refuses bad values on start.</summary>
public sealed class ExternalOptionsTests
{
    [Fact]
    public void Seconds_as_always_and_TimeSpans_both_bind()
    {
        var options = Build(("ConnectivityInterval", "1.5"), ("KmipConnectTimeout", "00:00:03"));

        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Value.ConnectivityInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Value.KmipConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Value.TimeoutFor(25));
        Assert.Equal(TimeSpan.FromSeconds(2), options.Value.TimeoutFor(2));
    }

    [Fact]
    public void Without_settings_the_defaults_hold()
    {
        var options = Build();

        Assert.Equal(TimeSpan.FromSeconds(10), options.Value.Interval);
        Assert.Equal(TimeSpan.FromSeconds(25), options.Value.TimeoutFor(25)); // no cap
    }

    [Fact]
    public void A_tiny_interval_is_raised_to_the_floor_and_a_negative_one_fails_validation_on_start()
    {
        Assert.Equal(ExternalOptions.MinInterval, Build(("ConnectivityInterval", "0")).Value.Interval);

        using var provider = Provider(("ConnectivityInterval", "-1"));
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void A_value_that_is_neither_seconds_nor_a_TimeSpan_is_refused()
    {
        using var provider = Provider(("KmipConnectTimeout", "soon"));
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ExternalOptions>>().Value);
    }

    private static IOptions<ExternalOptions> Build(params (string Key, string Value)[] settings) =>
        Provider(settings).GetRequiredService<IOptions<ExternalOptions>>();

    private static ServiceProvider Provider(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>($"Keyhold:{s.Key}", s.Value)))
            .Build();
        return new ServiceCollection().AddExternal(configuration).BuildServiceProvider();
    }
}
