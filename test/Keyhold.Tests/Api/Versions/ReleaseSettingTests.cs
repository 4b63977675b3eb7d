using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Versions;

/// <summary>Keyhold:Ontap:Version: what /api/cluster and /api/cluster/nodes report, its default, and the values refused at start.</summary>
public sealed class ReleaseSettingTests
{
    [Theory]
    [InlineData("9.7.0", 9, 7, 0)]
    [InlineData("9.10.1", 9, 10, 1)]
    [InlineData("9.17.1", 9, 17, 1)]
    public async Task Cluster_and_nodes_report_the_configured_release(string setting, int generation, int major, int minor)
    {
        using var factory = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = setting } };

        var version = (await factory.Admin().GetJsonAsync("/api/cluster?fields=version")).Body!["version"]!;
        Assert.Equal([generation, major, minor], new[] { "generation", "major", "minor" }.Select(k => version[k]!.GetValue<int>()));
        Assert.StartsWith($"NetApp Release {setting}: Keyhold", version["full"]!.GetValue<string>());
        var node = (await factory.Admin().GetJsonAsync("/api/cluster/nodes?fields=version")).Body!["records"]![0]!;
        Assert.Equal(major, node["version"]!["major"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_default_release_is_9_16_1()
    {
        using var factory = new KeyholdFactory();

        var version = (await factory.Admin().GetJsonAsync("/api/cluster?fields=version")).Body!["version"]!;

        Assert.StartsWith("NetApp Release 9.16.1: Keyhold", version["full"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("9.6.0")]
    [InlineData("9.18.0")]
    [InlineData("10.0.0")]
    [InlineData("latest")]
    [InlineData("9.x")]
    public void A_release_outside_9_7_0_to_9_17_1_stops_the_start_with_the_setting_named(string setting)
    {
        using var factory = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = setting } };

        var failure = Assert.ThrowsAny<Exception>(() => factory.Admin());

        Assert.Contains("Keyhold:Ontap:Version", failure.ToString());
    }
}
