using System.Net;
using Keyhold.Tests.Observability;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagerConfigs;

/// <summary>
/// The health monitor follows /api/security/key-manager-configs: its polling interval and its policy per keystore type,
/// observed in /metrics (what the monitor follows and the rounds it ran), never by timing it. A real process each: the
/// meters of in-process hosts share one process-wide listener, so their samples would mix.
/// </summary>
public sealed class HealthMonitorTests
{
    private const string Interval = "keyhold_health_monitor_interval_seconds";
    private const string Rounds = "keyhold_health_monitor_rounds_total";
    private const string Enabled = "keyhold_health_monitor_enabled";

    [Fact]
    public async Task Without_an_override_the_monitor_polls_every_health_monitor_polling_interval_minutes_and_follows_a_patch()
    {
        using var fake = ConfigSetup.Fake();
        using var node = new ObservedNode();
        var admin = node.Client();
        await ConfigSetup.ExternalAsync(admin, fake);

        var before = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, Interval) == 15 * 60, seconds: 60);
        Assert.Equal(15 * 60, Prometheus.Sample(before, Interval));

        (await admin.PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_polling_interval":"30"}""")).AssertStatus(HttpStatusCode.OK);

        // The monitor reads the configuration at every wake (10 s): it follows within one, on every node.
        var after = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, Interval) == 30 * 60, seconds: 60);
        Assert.Equal(30 * 60, Prometheus.Sample(after, Interval));
        // One round at start, none since: the next is half an hour away.
        Assert.Equal(1, Prometheus.Sample(after, Rounds, ("kind", "kmip")));
    }

    [Fact]
    public async Task The_operator_override_wins_and_a_disabled_keystore_type_is_no_longer_checked()
    {
        using var fake = ConfigSetup.Fake();
        using var node = new ObservedNode(new Dictionary<string, string> { ["Keyhold__ConnectivityInterval"] = "0.5" });
        var admin = node.Client();
        await ConfigSetup.ExternalAsync(admin, fake);
        (await admin.PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_polling_interval":20}""")).AssertStatus(HttpStatusCode.OK);

        var running = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, Rounds, ("kind", "kmip")) >= 3, seconds: 120);
        Assert.True(Prometheus.Sample(running, Rounds, ("kind", "kmip")) >= 3, running);
        Assert.Equal(0.5, Prometheus.Sample(running, Interval));

        (await admin.PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_policy":{"kmip":{"enabled":"false"}}}""")).AssertStatus(HttpStatusCode.OK);

        var off = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, Enabled, ("kind", "kmip")) == 0, seconds: 60);
        Assert.Equal(0, Prometheus.Sample(off, Enabled, ("kind", "kmip")));
        // Progress, not time: once the monitor has run two more onboard rounds, no key-server round ran with them.
        var kmipRounds = Prometheus.Sample(off, Rounds, ("kind", "kmip"));
        var okmRounds = Prometheus.Sample(off, Rounds, ("kind", "okm"));
        var later = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, Rounds, ("kind", "okm")) >= okmRounds + 2, seconds: 120);
        Assert.True(Prometheus.Sample(later, Rounds, ("kind", "okm")) >= okmRounds + 2, later);
        Assert.Equal(kmipRounds, Prometheus.Sample(later, Rounds, ("kind", "kmip")));
    }
}
