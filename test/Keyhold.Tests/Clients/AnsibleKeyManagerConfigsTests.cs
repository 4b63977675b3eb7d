using System.Text.Json.Nodes;
using Keyhold.Tests.Api.KeyManagerConfigs;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Clients;

/// <summary>Ansible's generic na_ontap_restit drives GET and PATCH of /api/security/key-manager-configs on a real keyhold process.</summary>
public sealed class AnsibleKeyManagerConfigsTests
{
    [SkippableFact]
    public async Task Restit_reads_and_changes_the_key_manager_configuration_and_the_store_holds_the_change()
    {
        Requirements.Ansible();
        using var fake = ConfigSetup.Fake();
        using var keyhold = new KeyholdProcess();
        // The polling interval may only change once external key management is configured (65537304).
        await ConfigSetup.ExternalAsync(keyhold.Client(), fake);

        var outcome = await AnsibleTests.RunAsync(keyhold, "key_manager_configs.yml", new JsonObject());

        Assert.Equal(15, outcome["before"]!["health_monitor_polling_interval"]!.GetValue<int>());
        Assert.False(outcome["before"]!["cc_mode_enabled"]!.GetValue<bool>());
        Assert.Equal(200, outcome["patch_status"]!.GetValue<int>());
        Assert.Equal("262197", outcome["refused_code"]!.GetValue<string>());
        var after = outcome["after"]!;
        Assert.Equal(20, after["health_monitor_polling_interval"]!.GetValue<int>());
        Assert.Equal(5, after["cloud_kms_retry_count"]!.GetValue<int>());
        Assert.False(after["health_monitor_policy"]!["okm"]!["manage_volume_offline"]!.GetValue<bool>());
        Assert.True(after["health_monitor_policy"]!["okm"]!["enabled"]!.GetValue<bool>());

        var row = ConfigSetup.Row(keyhold.DataDir)!;
        Assert.Equal(20L, Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5L, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(JsonNode.Parse((string)row[3]!)!["okm"]!["manage_volume_offline"]!.GetValue<bool>());
    }
}
