using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>
/// The external verbs against a real node and a real PyKMIP server (test.sh starts it; skipped, with the reason, where
/// PyKMIP cannot be started and KEYHOLD_REQUIRE_KMIP is not set).
/// </summary>
public sealed class CliExternalTests
{
    [SkippableFact]
    public async Task Enable_add_modify_show_show_status_and_remove_servers_change_what_the_node_holds()
    {
        var peer = KmipPeers.AOrSkip();
        using var node = new KeyholdProcess();
        var rest = node.Client();

        var client = await KeyholdCli.RunAsync(node, "security certificate install -type client -cert-name kmip-client", peer.ClientCertPem + peer.ClientKeyPem);
        var ca = await KeyholdCli.RunAsync(node, "security certificate install -type server_ca -cert-name kmip-ca", peer.CaPem);
        Assert.True(client.Code == 0 && ca.Code == 0, client + "\n" + ca);
        Assert.DoesNotContain("PRIVATE KEY", client.Out + client.Error);

        var enabled = await KeyholdCli.RunAsync(node, $"security key-manager external enable -key-servers {peer.Server} -client-cert kmip-client -server-ca-certs kmip-ca");
        Assert.True(enabled.Code == 0, enabled.ToString());
        var uuid = (await rest.GetJsonAsync("/api/security/key-managers")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal([peer.Server], await ServersAsync(rest, uuid));

        var added = await KeyholdCli.RunAsync(node, $"security key-manager external add-servers -key-servers {peer.Alias}");
        Assert.True(added.Code == 0, added.ToString());
        Assert.Equal(new[] { peer.Server, peer.Alias }.Order(), (await ServersAsync(rest, uuid)).Order());

        var modified = await KeyholdCli.RunAsync(node, $"security key-manager external modify-server -key-server {peer.Alias} -timeout 7");
        Assert.True(modified.Code == 0, modified.ToString());
        var server = (await rest.GetJsonAsync($"/api/security/key-managers/{uuid}/key-servers/{Uri.EscapeDataString(peer.Alias)}?fields=timeout")).Body!;
        Assert.Equal(7, server["timeout"]!.GetValue<int>());

        var show = await KeyholdCli.RunAsync(node, "security key-manager external show");
        Assert.Equal(0, show.Code);
        var rows = show.Rows().ToDictionary(r => r[1]);
        Assert.Equal(["keyhold", peer.Alias, "7"], rows[peer.Alias][..3]);
        Assert.Equal(["kmip-client", "kmip-ca"], rows[peer.Server][^2..]);
        var showJson = await KeyholdCli.RunAsync(node, "security key-manager external show --json");
        Assert.Equal(uuid, showJson.Json["records"]![0]!["uuid"]!.GetValue<string>());

        var keystore = await KeyholdCli.RunAsync(node, "security key-manager show-keystore");
        Assert.Equal([["keyhold", "external", "KMIP"]], keystore.Rows());

        // The connectivity monitor probes on its own schedule: wait until this node has reached both servers.
        CliResult status = null!;
        for (var i = 0; i < 60; i++)
        {
            status = await KeyholdCli.RunAsync(node, "security key-manager external show-status");
            if (status.Code == 0 && status.Rows().Count == 2 && status.Rows().All(r => r[^1] == "available"))
            {
                break;
            }
            await Task.Delay(500);
        }
        Assert.Equal(["Node", "Vserver", "Home", "Cluster", "Key", "Server", "Status"], status.Headers());
        Assert.Equal(new[] { peer.Server, peer.Alias }.Order(), status.Rows().Select(r => r[3]).Order());
        Assert.All(status.Rows(), r => Assert.Equal("available", r[^1]));

        var credentials = await KeyholdCli.RunAsync(node, $"security key-manager external modify-server -key-server {peer.Alias} -username kmip-user", "kmip-secret-password\n");
        Assert.True(credentials.Code == 0, credentials.ToString());
        Assert.DoesNotContain("kmip-secret-password", credentials.Out + credentials.Error + node.Output);
        var withUser = (await rest.GetJsonAsync($"/api/security/key-managers/{uuid}/key-servers/{Uri.EscapeDataString(peer.Alias)}?fields=*")).Body!;
        Assert.Equal("kmip-user", withUser["username"]!.GetValue<string>());
        Assert.Null(withUser["password"]);

        var removed = await KeyholdCli.RunAsync(node, $"security key-manager external remove-servers -key-servers {peer.Alias}");
        Assert.True(removed.Code == 0, removed.ToString());
        Assert.Equal([peer.Server], await ServersAsync(rest, uuid));

        var unknown = await KeyholdCli.RunAsync(node, $"security key-manager external remove-servers -key-servers {peer.Alias}");
        Assert.Equal(1, unknown.Code);
        Assert.Matches(@"^Error: .+ \(code \d+", unknown.Error);
    }

    [SkippableFact]
    public async Task Enabling_with_a_certificate_that_does_not_exist_is_exit_1_and_stores_nothing()
    {
        var peer = KmipPeers.AOrSkip();
        using var node = new KeyholdProcess();

        var result = await KeyholdCli.RunAsync(node, $"security key-manager external enable -key-servers {peer.Server} -client-cert none -server-ca-certs none");

        Assert.Equal(1, result.Code);
        Assert.Matches(@"^Error: .+ \(code \d+", result.Error);
        Assert.Equal(0, (await node.Client().GetJsonAsync("/api/security/key-managers")).Body!["num_records"]!.GetValue<int>());
    }


    private static async Task<List<string>> ServersAsync(HttpClient rest, string uuid) =>
        [.. (await rest.GetJsonAsync($"/api/security/key-managers/{uuid}/key-servers")).Body!["records"]!.AsArray().Select(s => s!["server"]!.GetValue<string>())];
}
