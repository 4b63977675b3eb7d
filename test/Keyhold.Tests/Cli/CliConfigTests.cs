using Keyhold.Tests.Api.KeyManagerConfigs;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>`security key-manager config show | modify` against a real node: table, exit codes, what the node then holds.</summary>
public sealed class CliConfigTests
{
    [Fact]
    public async Task Show_and_modify_the_key_manager_configuration_with_the_passphrase_read_from_standard_input()
    {
        using var node = new KeyholdProcess();
        await OnboardSetup.EnableAsync(node.Client(), ConfigSetup.CcPassphrase);

        var show = await KeyholdCli.RunAsync(node, "security key-manager config show");
        Assert.True(show.Code == 0, show.ToString());
        Assert.Equal([["false", "15", "3"]], show.Rows());

        var polling = await KeyholdCli.RunAsync(node, "security key-manager config modify -health-monitor-polling-interval 20");
        Assert.Equal(1, polling.Code);
        Assert.Contains("65537304", polling.Error);

        var modified = await KeyholdCli.RunAsync(node, "security key-manager config modify -cc-mode-enabled true -cloud-kms-retry-count 7", ConfigSetup.CcPassphrase + "\n");
        Assert.True(modified.Code == 0, modified.ToString());
        Assert.DoesNotContain(ConfigSetup.CcPassphrase, modified.Out + modified.Error + node.Output);

        var after = await KeyholdCli.RunAsync(node, "security key-manager config show --json");
        Assert.Equal(0, after.Code);
        Assert.True(after.Json["records"]![0]!["cc_mode_enabled"]!.GetValue<bool>());
        Assert.Equal(7, after.Json["records"]![0]!["cloud_kms_retry_count"]!.GetValue<int>());
        var row = ConfigSetup.Row(node.DataDir)!;
        Assert.Equal(1L, Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(7L, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
