using Keyhold.Tests.Migration;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Cli;

/// <summary>
/// `security key-manager key migrate` against a real node and a real PyKMIP server: the keys move both ways, the
/// volumes keep their key IDs, and a Vserver without a key manager is exit 1 with nothing moved.
/// </summary>
public sealed class CliKeyMigrateTests
{
    [SkippableFact]
    public async Task Keys_move_from_the_admin_vserver_to_a_data_vserver_and_back()
    {
        var peer = KmipPeers.AOrSkip();
        using var node = new KeyholdProcess();
        var rest = node.Client();
        var onboard = await OnboardSetup.EnableAsync(rest);
        await VolumeSetup.SvmAsync(rest, "vs1");
        var keys = await MigrationSetup.VolumesAsync(rest, "vs1", 2);
        Assert.Equal(0, (await KeyholdCli.RunAsync(node, "security certificate install -type client -vserver vs1 -cert-name c", peer.ClientCertPem + peer.ClientKeyPem)).Code);
        Assert.Equal(0, (await KeyholdCli.RunAsync(node, "security certificate install -type server_ca -vserver vs1 -cert-name ca", peer.CaPem)).Code);
        var enabled = await KeyholdCli.RunAsync(node, $"security key-manager external enable -vserver vs1 -key-servers {peer.Server} -client-cert c -server-ca-certs ca");
        Assert.True(enabled.Code == 0, enabled.ToString());
        var external = (await rest.GetJsonAsync("/api/security/key-managers?svm.name=vs1")).Body!["records"]![0]!["uuid"]!.GetValue<string>();

        var there = await KeyholdCli.RunAsync(node, "security key-manager key migrate -from-vserver keyhold -to-vserver vs1");

        Assert.True(there.Code == 0, there.ToString());
        Assert.Equal("The keys moved from Vserver \"keyhold\"'s key manager to Vserver \"vs1\"'s.", there.Out.Trim());
        Assert.All(keys, k => Assert.Equal(external, MigrationSetup.KeyManagerOf(node.DataDir, k)));
        Assert.All(keys, k => Assert.Equal([peer.Server], VolumeSetup.Locations(node.DataDir, k).Select(l => l.Server)));

        var back = await KeyholdCli.RunAsync(node, "security key-manager key migrate -from-vserver vs1 -to-vserver keyhold");

        Assert.True(back.Code == 0, back.ToString());
        Assert.All(keys, k => Assert.Equal(onboard, MigrationSetup.KeyManagerOf(node.DataDir, k)));
        Assert.All(keys, k => Assert.Empty(VolumeSetup.Locations(node.DataDir, k)));
        Assert.Equal(keys, StoreProbe.Rows(node.DataDir, "SELECT key_id FROM volumes ORDER BY key_id").Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task A_vserver_without_a_key_manager_is_exit_1_and_moves_nothing()
    {
        using var node = new KeyholdProcess();
        var rest = node.Client();
        var onboard = await OnboardSetup.EnableAsync(rest);
        await VolumeSetup.SvmAsync(rest, "vs1");
        var keys = await MigrationSetup.VolumesAsync(rest, "vs1", 1);

        var result = await KeyholdCli.RunAsync(node, "security key-manager key migrate -from-vserver keyhold -to-vserver vs1");

        Assert.Equal(1, result.Code);
        Assert.Contains("No key manager is configured for Vserver \"vs1\".", result.Error, StringComparison.Ordinal);
        Assert.Equal(onboard, MigrationSetup.KeyManagerOf(node.DataDir, keys.Single()));
        Assert.Equal(0, (await rest.GetJsonAsync("/api/cluster/jobs")).Body!["num_records"]!.GetValue<int>());
    }
}
