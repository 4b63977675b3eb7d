using Keyhold.Onboard;
using Keyhold.Tests.Support;
using Microsoft.Extensions.Options;

namespace Keyhold.Tests.Onboard;

/// <summary>The onboard settings come from configuration (the existing Keyhold:* keys) and are checked.</summary>
public sealed class OnboardOptionsTests
{
    [Fact]
    public async Task The_limiter_takes_its_settings_from_configuration()
    {
        await using var services = await KeyholdServices.StartAsync(null,
            ("PassphraseAttempts:FreeFailures", "0"), ("PassphraseAttempts:BaseDelay", "00:00:07"), ("PassphraseAttempts:MaxDelay", "00:01:00"));
        var limiter = services.Get<PassphraseAttemptLimiter>();

        limiter.RecordFailure("192.0.2.1");

        // With the defaults (three free failures) one failure costs nothing.
        Assert.InRange(limiter.CurrentDelay("192.0.2.1"), TimeSpan.FromSeconds(13), TimeSpan.FromSeconds(14));
    }

    [Fact]
    public async Task The_existing_keys_still_set_the_KDF_count_and_the_node_sync_interval()
    {
        await using var services = await KeyholdServices.StartAsync(null, ("KdfIterations", "4321"), ("NodeSyncInterval", "00:00:03"));

        var options = services.Get<IOptions<OnboardOptions>>().Value;

        Assert.Equal(4321, options.KdfIterations);
        Assert.Equal(TimeSpan.FromSeconds(3), options.NodeSyncInterval);
    }

    [Theory]
    [InlineData("KdfIterations", "10")]
    [InlineData("NodeSyncInterval", "00:00:00")]
    [InlineData("PassphraseAttempts:FreeFailures", "-1")]
    public async Task Impossible_settings_are_refused(string key, string value)
    {
        await using var services = await KeyholdServices.StartAsync(null, (key, value));

        Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<OnboardOptions>>().Value);
    }
}
