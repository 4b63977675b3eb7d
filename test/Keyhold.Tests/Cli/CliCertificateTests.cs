using System.Numerics;
using TestPki = Keyhold.Tests.Certificates.TestPki;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>security certificate install | show | delete against a real node.</summary>
public sealed class CliCertificateTests
{
    [Fact]
    public async Task Install_reads_the_pem_from_standard_input_show_lists_it_and_delete_removes_it()
    {
        using var node = new KeyholdProcess();
        var rest = node.Client();
        using var ca = TestPki.Ca("CLI Test CA");
        var serial = ca.SerialNumber;

        var installed = await KeyholdCli.RunAsync(node, "security certificate install -type server_ca -cert-name cli-ca", "Some text first\n" + TestPki.Pem(ca));

        Assert.True(installed.Code == 0, installed.ToString());
        Assert.Equal("The certificate cli-ca is installed.\n", installed.Out);
        var stored = Assert.Single((await rest.GetJsonAsync("/api/security/certificates?fields=*")).Body!["records"]!.AsArray())!;
        Assert.Equal("cli-ca", stored["name"]!.GetValue<string>());
        Assert.Equal("server_ca", stored["type"]!.GetValue<string>());
        Assert.Equal(TestPki.Pem(ca).Trim(), stored["public_certificate"]!.GetValue<string>().Trim());

        var show = await KeyholdCli.RunAsync(node, "security certificate show -type server_ca");
        Assert.Equal(0, show.Code);
        var row = Assert.Single(show.Rows());
        Assert.Equal(["keyhold", "cli-ca", "server_ca", "CLI", "Test", "CA"], row[..6]);
        Assert.Equal(new BigInteger(Convert.FromHexString(serial), isUnsigned: true, isBigEndian: true),
            new BigInteger(Convert.FromHexString(stored["serial_number"]!.GetValue<string>().PadLeft(2, '0')), isUnsigned: true, isBigEndian: true));
        var json = await KeyholdCli.RunAsync(node, "security certificate show --json");
        Assert.Equal(stored["uuid"]!.GetValue<string>(), json.Json["records"]![0]!["uuid"]!.GetValue<string>());

        var deleted = await KeyholdCli.RunAsync(node, "security certificate delete -cert-name cli-ca");
        Assert.True(deleted.Code == 0, deleted.ToString());
        Assert.Equal(0, (await rest.GetJsonAsync("/api/security/certificates")).Body!["num_records"]!.GetValue<int>());
        var again = await KeyholdCli.RunAsync(node, "security certificate delete -cert-name cli-ca");
        Assert.Equal(1, again.Code);
        Assert.Equal("Error: There are no entries matching your query.\n", again.Error);
    }

    [Fact]
    public async Task A_refused_certificate_is_exit_1_with_the_code_and_nothing_is_stored()
    {
        using var node = new KeyholdProcess();

        var result = await KeyholdCli.RunAsync(node, "security certificate install -type server_ca",
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        Assert.Equal(1, result.Code);
        Assert.Matches(@"^Error: .+ \(code \d+", result.Error);
        Assert.Equal(0, (await node.Client().GetJsonAsync("/api/security/certificates")).Body!["num_records"]!.GetValue<int>());
    }
}
