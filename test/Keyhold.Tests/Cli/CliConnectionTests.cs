using System.Net;
using System.Net.Sockets;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>How the CLI reaches a node: URL, trust, credentials; and exit code 3 when it cannot.</summary>
public sealed class CliConnectionTests
{
    [Fact]
    public async Task The_password_can_come_from_standard_input_and_the_trust_from_the_data_folder()
    {
        using var node = new KeyholdProcess();

        var result = await KeyholdCli.RunAsync(["vserver", "show", "--data", node.DataDir, "--user", "admin"], node.Password + "\n",
            new Dictionary<string, string?> { ["KEYHOLD_URL"] = node.Url });

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal(CliOutputText.NoEntries, result.Out.Trim());
        Assert.DoesNotContain(node.Password!, result.Out + result.Error);
    }

    [Fact]
    public async Task A_wrong_password_is_exit_3_with_ontaps_message_and_code()
    {
        using var node = new KeyholdProcess();

        var result = await KeyholdCli.RunAsync(["vserver", "show", "--cacert", Path.Combine(node.DataDir, "tls.crt")], "",
            new Dictionary<string, string?> { ["KEYHOLD_URL"] = node.Url, ["KEYHOLD_PASSWORD"] = "not-the-password" });

        Assert.Equal(3, result.Code);
        Assert.Matches(@"^Error: .+ \(code \d+\)\n$", result.Error);
        Assert.DoesNotContain("not-the-password", result.Out + result.Error);
    }

    [Fact]
    public async Task A_node_whose_certificate_is_not_trusted_is_exit_3()
    {
        using var node = new KeyholdProcess();

        // No --cacert and no data folder in the working folder: only the system's roots, which do not know the node.
        var result = await KeyholdCli.RunAsync(["vserver", "show", "--url", node.Url], "",
            new Dictionary<string, string?> { ["KEYHOLD_PASSWORD"] = node.Password });

        Assert.Equal(3, result.Code);
        Assert.StartsWith($"Error: cannot connect to {node.Url}: ", result.Error);
        Assert.Contains("certificate", result.Error);
    }

    [Fact]
    public async Task Nothing_listening_is_exit_3()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await KeyholdCli.RunAsync(["job", "show", "--url", $"https://127.0.0.1:{port}"], "",
            new Dictionary<string, string?> { ["KEYHOLD_PASSWORD"] = "x" });

        Assert.Equal(3, result.Code);
        Assert.StartsWith($"Error: cannot connect to https://127.0.0.1:{port}: ", result.Error);
    }
}

/// <summary>The texts the CLI prints that tests match on.</summary>
public static class CliOutputText
{
    public const string NoEntries = Keyhold.Cli.CliOutput.NoEntries;
}
