using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Keyhold.Kmip;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KmipServer;

/// <summary>
/// PyKMIP's own client (kmip.pie.client.ProxyKmipClient, test/peers/pykmip-client/lifecycle.py) takes keys through
/// create, register, get, locate, activate, revoke and destroy on a real keyhold's KMIP listener; what it saw is
/// checked against what Keyhold holds, asked through Keyhold.Kmip with the same identity.
/// </summary>
public class PyKmipClientTests
{
    [SkippableFact]
    public async Task PyKMIPs_client_runs_a_keys_whole_life_against_keyholds_KMIP_server()
    {
        Requirements.PyKmipClient();
        using var server = await KeyholdKmipServer.StartAsync();
        string dir = TempDir.Create();
        server.WritePems(dir);
        byte[] material = RandomNumberGenerator.GetBytes(32);
        string name = "pykmip-life-" + Guid.NewGuid().ToString("N")[..8];

        JsonNode result = RunLifecycle(server, dir, name, material);

        string created = result["created"]!.GetValue<string>();
        string registered = result["registered"]!.GetValue<string>();
        Assert.NotEqual(created, registered);
        Assert.Equal(32, result["created_get"]!["length"]!.GetValue<int>());
        Assert.Equal("AES", result["created_get"]!["algorithm"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(material)), result["registered_get_sha256"]!.GetValue<string>());
        Assert.Equal([created], result["located"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("ACTIVE", result["state_after_activate"]!.GetValue<string>());
        Assert.Equal("DEACTIVATED", result["state_after_revoke"]!.GetValue<string>());
        Assert.Contains("ITEM_NOT_FOUND", result["get_after_destroy"]!.GetValue<string>());

        // What is stored, asked through another client: both keys are gone, and neither name finds anything.
        await using var client = new KmipClient(server.Options());
        foreach (string uid in new[] { created, registered })
        {
            var e = await Assert.ThrowsAsync<KmipOperationException>(() => client.GetKeyMaterialAsync(uid));
            Assert.Equal(ResultReason.ItemNotFound, e.Reason);
        }
        Assert.Empty(await client.LocateByNameAsync(name));
    }

    private static JsonNode RunLifecycle(KeyholdKmipServer server, string dir, string name, byte[] material)
    {
        string script = Repository.PathOf("test", "peers", "pykmip-client", "lifecycle.py");
        var start = new ProcessStartInfo("/usr/bin/python3",
            [script, "127.0.0.1", server.KmipPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
             Path.Combine(dir, "ca.crt"), Path.Combine(dir, "client.crt"), Path.Combine(dir, "client.key"), name, Convert.ToHexStringLower(material)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(1)), "lifecycle.py did not finish");
        Assert.True(p.ExitCode == 0, $"lifecycle.py failed ({p.ExitCode}): {stderr.Result}\n{server.Process.Output}");
        return JsonNode.Parse(stdout)!;
    }
}
