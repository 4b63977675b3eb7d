using System.Net;
using Keyhold.Cli;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

public sealed class RecoverCommandTests
{
    [Fact]
    public async Task Recover_rebuilds_every_key_byte_for_byte_and_reattaches_the_volumes_on_a_wiped_data_folder()
    {
        RecoveryFixture before;
        string dataDir;
        using (var original = new KeyholdFactory())
        {
            dataDir = original.DataDir;
            before = await RecoveryFixture.CreateAsync(original);
        }
        RecoveryFixture.Wipe(dataDir);
        var backupFile = WriteBackup(before.Backup);

        var (code, output, error) = await RunAsync(["--backup", backupFile, "--data", dataDir], OnboardSetup.Passphrase + "\n");

        Assert.True(code == 0, error);
        Assert.Matches("^Recovered the Onboard Key Manager [0-9a-f-]{36}: 3 keys, 3 volumes re-attached\\.$", output.Trim());
        Assert.DoesNotContain(OnboardSetup.Passphrase, output + error);
        using var recovered = new KeyholdFactory(dataDir);
        await before.AssertRecoveredAsync(recovered);
        var client = recovered.Admin();
        var km = (await client.GetJsonAsync("/api/security/key-managers")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var node = (await client.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var keyIds = await client.GetJsonAsync($"/api/security/key-managers/{km}/keys/{node}/key-ids?restored=true");
        Assert.Equal(3, keyIds.Body!["num_records"]!.GetValue<int>());
        // The recovered hierarchy is a working one: the same passphrase opens it, and it makes new keys.
        (await client.PatchJsonAsync($"/api/security/key-managers/{km}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        await Volumes.VolumeSetup.VolumeAsync(client, "after", "vs2");
    }

    [Fact]
    public async Task One_key_and_one_volume_are_counted_in_the_singular()
    {
        string dataDir, backup;
        using (var original = new KeyholdFactory())
        {
            dataDir = original.DataDir;
            var admin = original.Admin();
            var km = await OnboardSetup.EnableAsync(admin);
            await Volumes.VolumeSetup.SvmAsync(admin, "vs1");
            await Volumes.VolumeSetup.VolumeAsync(admin, "only", "vs1", encrypted: true);
            backup = await OnboardSetup.BackupAsync(admin, km);
        }
        RecoveryFixture.Wipe(dataDir);

        var (code, output, error) = await RunAsync(["--backup", WriteBackup(backup), "--data", dataDir], OnboardSetup.Passphrase + "\n");

        Assert.True(code == 0, error);
        Assert.Matches("^Recovered the Onboard Key Manager [0-9a-f-]{36}: 1 key, 1 volume re-attached\\.$", output.Trim());
        Assert.Equal(1L, StoreProbe.Count(dataDir, "keys"));
        Assert.Equal(1L, StoreProbe.Count(dataDir, "volumes"));
    }

    [Fact]
    public async Task The_passphrase_can_come_from_KEYHOLD_PASSPHRASE_for_scripts()
    {
        string backup;
        using (var original = new KeyholdFactory())
        {
            backup = await OnboardSetup.BackupAsync(original.Admin(), await OnboardSetup.EnableAsync(original.Admin()));
        }
        var dataDir = Path.Combine(TempDir.Create(), "data");

        var (code, _, error) = await RunAsync(["--data", dataDir, "--backup", WriteBackup(backup)], "", name => name switch
        {
            "KEYHOLD_PASSPHRASE" => OnboardSetup.Passphrase,
            _ => null,
        });

        Assert.True(code == 0, error);
        Assert.Equal(1, StoreProbe.Count(dataDir, "onboard"));
    }

    [Fact]
    public async Task A_wrong_passphrase_fails_before_the_data_folder_is_touched()
    {
        string backup;
        using (var original = new KeyholdFactory())
        {
            backup = await OnboardSetup.BackupAsync(original.Admin(), await OnboardSetup.EnableAsync(original.Admin()));
        }
        var dataDir = Path.Combine(TempDir.Create(), "data");

        var (code, output, error) = await RunAsync(["--backup", WriteBackup(backup), "--data", dataDir], OnboardSetup.Other + "\n");

        Assert.Equal(1, code);
        Assert.Equal("keyhold: Cluster-wide passphrase is incorrect.", error.Trim());
        Assert.Empty(output);
        Assert.DoesNotContain(OnboardSetup.Other, error);
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task A_damaged_backup_fails_before_the_data_folder_is_touched()
    {
        string backup;
        using (var original = new KeyholdFactory())
        {
            backup = await OnboardSetup.BackupAsync(original.Admin(), await OnboardSetup.EnableAsync(original.Admin()));
        }
        var lines = backup.Split('\n');
        lines[2] = lines[2][..10] + (lines[2][10] == 'A' ? 'B' : 'A') + lines[2][11..];
        var dataDir = Path.Combine(TempDir.Create(), "data");

        var (code, _, error) = await RunAsync(["--backup", WriteBackup(string.Join('\n', lines)), "--data", dataDir], OnboardSetup.Passphrase + "\n");

        Assert.Equal(1, code);
        Assert.Equal("keyhold: The key backup is damaged or is not an Onboard Key Manager backup.", error.Trim());
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task A_data_folder_that_already_has_a_key_manager_is_left_as_it_is()
    {
        using var target = new KeyholdFactory();
        var existing = await OnboardSetup.EnableAsync(target.Admin(), OnboardSetup.Other);
        string backup;
        using (var original = new KeyholdFactory())
        {
            backup = await OnboardSetup.BackupAsync(original.Admin(), await OnboardSetup.EnableAsync(original.Admin()));
        }

        var (code, _, error) = await RunAsync(["--backup", WriteBackup(backup), "--data", target.DataDir], OnboardSetup.Passphrase + "\n");

        Assert.Equal(1, code);
        Assert.Contains("Onboard key management is already configured.", error);
        Assert.Equal(existing, (string)StoreProbe.Rows(target.DataDir, "SELECT uuid FROM key_managers").Single()[0]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--backup")]
    [InlineData("--backup x --colour blue")]
    public async Task Bad_arguments_print_the_usage_and_exit_2(string args)
    {
        var (code, _, error) = await RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), "");

        Assert.Equal(2, code);
        Assert.Contains("keyhold security key-manager onboard recover --backup FILE", error);
    }

    [Fact]
    public async Task A_missing_backup_file_is_an_error_not_a_crash()
    {
        var (code, _, error) = await RunAsync(["--backup", Path.Combine(TempDir.Create(), "none.txt")], OnboardSetup.Passphrase + "\n");

        Assert.Equal(1, code);
        Assert.StartsWith("keyhold: Could not find file", error);
    }

    private static string WriteBackup(string backup)
    {
        var path = Path.Combine(TempDir.Create(), "backup.txt");
        File.WriteAllText(path, backup);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string stdin, Func<string, string?>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // A fresh data folder gets its admin account from KEYHOLD_ADMIN_PASSWORD, as at a node's first start.
        environment ??= name => name == "KEYHOLD_ADMIN_PASSWORD" ? KeyholdFactory.AdminPassword : null;
        var code = await RecoverCommand.RunAsync(args, new StringReader(stdin), output, error, environment, terminal: false);
        return (code, output.ToString(), error.ToString());
    }
}
