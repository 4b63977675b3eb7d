using Keyhold.Tests.Keystores;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>`security key-manager keystore show | enable | delete` against a real node: the table, the exit code, and what the node then holds.</summary>
public sealed class CliKeystoreTests
{
    [Fact]
    public async Task Show_enable_and_delete_act_on_the_inactive_configuration_of_the_type_named()
    {
        using var node = new KeyholdProcess();
        var rest = node.Client();
        var staged = await KeystoreSetup.InactiveAsync(rest, new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        var show = await KeyholdCli.RunAsync(node, "security key-manager keystore show");
        Assert.True(show.Code == 0, show.ToString());
        Assert.Equal(["Vserver", "Config", "Name", "Type", "Enabled", "State", "UUID"], show.Headers());
        Assert.Equal([["keyhold", "default", "okm", "false", "-", staged]], show.Rows());

        var enabled = await KeyholdCli.RunAsync(node, "security key-manager keystore enable --type okm");
        Assert.True(enabled.Code == 0, enabled.ToString());
        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(node.DataDir)[staged]);
        Assert.Equal([["keyhold", "default", "okm", "true", "active", staged]], (await KeyholdCli.RunAsync(node, "security key-manager keystore show")).Rows());

        var none = await KeyholdCli.RunAsync(node, "security key-manager keystore delete --type okm");
        Assert.NotEqual(0, none.Code);
        Assert.Contains("There is no inactive okm configuration", none.Error + none.Out, StringComparison.Ordinal);
        Assert.Single(KeystoreSetup.ScopeKeys(node.DataDir));
    }

    [Fact]
    public async Task Delete_removes_an_inactive_configuration_and_its_wrapped_root_key()
    {
        using var node = new KeyholdProcess();
        await KeystoreSetup.InactiveAsync(node.Client(), new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        var deleted = await KeyholdCli.RunAsync(node, "security key-manager keystore delete --type okm");

        Assert.True(deleted.Code == 0, deleted.ToString());
        Assert.Empty(KeystoreSetup.ScopeKeys(node.DataDir));
        Assert.Equal(0, StoreProbe.Count(node.DataDir, "onboard"));
        Assert.Equal(0, StoreProbe.Count(node.DataDir, "root_key_seals"));
    }
}
