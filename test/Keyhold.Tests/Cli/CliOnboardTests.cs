using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>The onboard verbs against a real node: table, JSON, exit code, and what the node then holds.</summary>
public sealed class CliOnboardTests
{
    [Fact]
    public async Task Enable_show_show_keystore_and_show_backup_agree_with_the_rest_api()
    {
        using var node = new KeyholdProcess();
        var rest = node.Client();

        var enabled = await KeyholdCli.RunAsync(node, "security key-manager onboard enable", OnboardSetup.Passphrase + "\n");

        Assert.True(enabled.Code == 0, enabled.ToString());
        Assert.DoesNotContain(OnboardSetup.Passphrase, enabled.Out + enabled.Error + node.Output);
        var stored = (await rest.GetJsonAsync("/api/security/key-managers?fields=onboard.enabled,scope")).Body!["records"]!.AsArray();
        var uuid = Assert.Single(stored)!["uuid"]!.GetValue<string>();
        Assert.True(stored[0]!["onboard"]!["enabled"]!.GetValue<bool>());

        var show = await KeyholdCli.RunAsync(node, "security key-manager show");
        Assert.Equal(0, show.Code);
        Assert.Equal(["Vserver", "Type", "Scope", "Key", "Servers", "Status", "UUID"], show.Headers());
        var row = Assert.Single(show.Rows());
        Assert.Equal(["keyhold", "onboard", "cluster", "-"], row[..4]);
        Assert.Equal(uuid, row[^1]);
        Assert.Contains("1 entry was displayed.", show.Out);

        var json = await KeyholdCli.RunAsync(node, "security key-manager show --json");
        Assert.Equal(0, json.Code);
        Assert.Equal(1, json.Json["num_records"]!.GetValue<int>());
        Assert.Equal(uuid, json.Json["records"]![0]!["uuid"]!.GetValue<string>());
        Assert.Equal("No action needed at this time.", json.Json["records"]![0]!["status"]!["message"]!.GetValue<string>());

        var keystore = await KeyholdCli.RunAsync(node, "security key-manager show-keystore");
        Assert.Equal(0, keystore.Code);
        Assert.Equal([["keyhold", "onboard", "OKM"]], keystore.Rows());

        var backup = await KeyholdCli.RunAsync(node, "security key-manager onboard show-backup");
        Assert.Equal(0, backup.Code);
        Assert.Equal(await OnboardSetup.BackupAsync(rest, uuid), backup.Out);
    }

    [Fact]
    public async Task Update_passphrase_changes_what_unlocks_the_root_key_and_sync_checks_it()
    {
        using var node = new KeyholdProcess();
        var rest = node.Client();
        var uuid = await OnboardSetup.EnableAsync(rest);
        var before = await OnboardSetup.BackupAsync(rest, uuid);

        var updated = await KeyholdCli.RunAsync(node, "security key-manager onboard update-passphrase", $"{OnboardSetup.Passphrase}\n{OnboardSetup.Other}\n");

        Assert.True(updated.Code == 0, updated.ToString());
        Assert.DoesNotContain(OnboardSetup.Other, updated.Out + updated.Error + node.Output);
        Assert.NotEqual(before, await OnboardSetup.BackupAsync(rest, uuid));
        // The node now takes the new passphrase and refuses the old one: checked through REST and through the CLI.
        (await rest.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        var synced = await KeyholdCli.RunAsync(node, "security key-manager onboard sync", OnboardSetup.Other + "\n");
        Assert.True(synced.Code == 0, synced.ToString());
        var refused = await KeyholdCli.RunAsync(node, "security key-manager onboard sync", OnboardSetup.Passphrase + "\n");
        Assert.Equal(1, refused.Code);
        Assert.Equal("Error: Cluster-wide passphrase is incorrect. (code 65536139, target onboard.existing_passphrase)\n", refused.Error);
    }

    [Fact]
    public async Task Enabling_twice_is_an_ontap_error_with_its_code_and_json_carries_the_created_record()
    {
        using var node = new KeyholdProcess();

        var first = await KeyholdCli.RunAsync(node, "security key-manager onboard enable --json", OnboardSetup.Passphrase + "\n");
        var second = await KeyholdCli.RunAsync(node, "security key-manager onboard enable", OnboardSetup.Passphrase + "\n");

        Assert.Equal(0, first.Code);
        var created = first.Json["records"]![0]!;
        Assert.True(created["onboard"]!["enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("passphrase", first.Out);
        Assert.Equal(1, second.Code);
        Assert.Matches(@"^Error: .+ \(code \d+", second.Error);
        var stored = (await node.Client().GetJsonAsync("/api/security/key-managers")).Body!;
        Assert.Equal(created["uuid"]!.GetValue<string>(), Assert.Single(stored["records"]!.AsArray())!["uuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Show_backup_without_an_onboard_key_manager_is_exit_1()
    {
        using var node = new KeyholdProcess();

        var result = await KeyholdCli.RunAsync(node, "security key-manager onboard show-backup");

        Assert.Equal(1, result.Code);
        Assert.Equal("Error: The Onboard Key Manager is not enabled.\n", result.Error);
    }
}
