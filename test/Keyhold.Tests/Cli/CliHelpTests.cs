using System.Net;
using System.Net.Sockets;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>Help, version and bad command lines start nothing and create nothing; a busy port is one line.</summary>
public sealed class CliHelpTests
{
    [Theory]
    [InlineData("--help", "serve")]
    [InlineData("-h", "security")]
    [InlineData("serve --help", "--urls")]
    [InlineData("security key-manager --help", "show-keystore")]
    [InlineData("security key-manager onboard enable --help", "passphrase")]
    [InlineData("security key-manager external enable --help", "-key-servers")]
    [InlineData("volume show --help", "-fields")]
    [InlineData("host --help", "recover")]
    [InlineData("host recover --help", "--backup")]
    public async Task Help_prints_usage_and_creates_no_data_folder(string args, string expected)
    {
        var cwd = TempDir.Create();

        var result = await KeyholdCli.RunAsync(args.Split(' '), workingDirectory: cwd);

        Assert.True(result.Code == 0, result.ToString());
        Assert.Contains(expected, result.Out);
        Assert.Empty(Directory.GetFileSystemEntries(cwd));
    }

    [Fact]
    public async Task Version_prints_the_version_and_creates_no_data_folder()
    {
        var cwd = TempDir.Create();

        var result = await KeyholdCli.RunAsync(["--version"], workingDirectory: cwd);

        Assert.Equal(0, result.Code);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(cwd));
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("volume show -bogus x")]
    [InlineData("security key-manager external add-servers")]
    public async Task A_bad_command_line_is_exit_2_and_starts_nothing(string args)
    {
        var cwd = TempDir.Create();

        var result = await KeyholdCli.RunAsync(args.Split(' '), workingDirectory: cwd);

        Assert.True(result.Code == 2, result.ToString());
        Assert.StartsWith("Error: ", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(cwd));
    }

    [Fact]
    public async Task Serve_on_a_busy_port_prints_one_line_and_exits_non_zero()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var data = Path.Combine(TempDir.Create(), "data");

        var result = await KeyholdCli.RunAsync(["serve", "--urls", $"https://127.0.0.1:{port}", "--data", data]);

        Assert.Equal(1, result.Code);
        Assert.Equal($"keyhold: https://127.0.0.1:{port} is in use (address already in use)\n", result.Error);
        Assert.Empty(result.Out);
        Assert.False(Directory.Exists(data));
    }

    [Theory]
    [InlineData("Keyhold__Ontap__Version", "9.18.1", "Keyhold:Ontap:Version must be an ONTAP release from 9.7.0 to 9.17.1, e.g. \"9.14.1\".")]
    [InlineData("Keyhold__OnboardMaxKeys", "0", "Keyhold:OnboardMaxKeys must be between 1 and 1000000.")]
    public async Task Serve_with_a_setting_out_of_range_prints_one_line_and_exits_non_zero(string setting, string value, string message)
    {
        var data = Path.Combine(TempDir.Create(), "data");

        var result = await KeyholdCli.RunAsync(["serve", "--urls", $"https://127.0.0.1:{KeyholdProcess.FreePort()}", "--data", data],
            environment: new Dictionary<string, string?> { [setting] = value, ["KEYHOLD_ADMIN_PASSWORD"] = "choose-one-1" });

        Assert.Equal(1, result.Code);
        Assert.EndsWith($"keyhold: {message}\n", result.Error);
        Assert.DoesNotContain("   at ", result.Error + result.Out);
        Assert.DoesNotContain("Unhandled exception", result.Error + result.Out);
    }

    [Fact]
    public async Task The_old_spelling_of_recover_still_works()
    {
        var result = await KeyholdCli.RunAsync(["security", "key-manager", "onboard", "recover", "--backup", Path.Combine(TempDir.Create(), "none")]);

        Assert.Equal(1, result.Code);
        Assert.StartsWith("keyhold: Could not find file", result.Error);
    }
}
