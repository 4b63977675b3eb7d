using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// Issue 12 scope 2: secondary key servers (ONTAP 9.11.1) and create_remove_timeout (9.13) on each primary, field for
/// field: PATCH replaces the list, GET under /key-servers shows it as a list and inside the key manager as one
/// comma-separated string, and every refusal of ONTAP's PATCH table arises and changes nothing.
/// </summary>
public sealed class SecondaryKeyServersTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Secondaries_and_create_remove_timeout_are_stored_replaced_and_shown_both_ways()
    {
        var peer = KmipPeers.A;
        var uuid = await host.CreateOnAsync(peer);
        var server = $"{ExternalHost.Managers}/{uuid}/key-servers/{peer.Server}";
        var before = await host.Admin.GetJsonAsync(server + "?fields=*");
        Assert.Null(before.Body!["secondary_key_servers"]);  // a primary without secondaries omits the key
        Assert.Equal(60, before.Body["create_remove_timeout"]!.GetValue<int>());

        (await host.Admin.PatchJsonAsync(server, new { secondary_key_servers = new[] { "Secondary1.example.com", "10.1.2.3:5697" }, create_remove_timeout = -1 }))
            .AssertStatus(HttpStatusCode.OK);

        var port = peer.Server.Split(':')[1];
        var stored = StoreProbe.Rows(host.DataDir, "SELECT secondary_key_servers, create_remove_timeout FROM key_servers").Single();
        Assert.Equal($"secondary1.example.com:{port},10.1.2.3:5697", stored[0]);
        Assert.Equal(-1L, stored[1]);
        var got = await host.Admin.GetJsonAsync(server + "?fields=secondary_key_servers,create_remove_timeout");
        Assert.Equal([$"secondary1.example.com:{port}", "10.1.2.3:5697"], got.Body!["secondary_key_servers"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(-1, got.Body["create_remove_timeout"]!.GetValue<int>());
        var km = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=external.servers");
        var item = km.Body!["external"]!["servers"]![0]!;
        Assert.Equal($"secondary1.example.com:{port},10.1.2.3:5697", item["secondary_key_servers"]!.GetValue<string>());
        Assert.Equal(-1, item["create_remove_timeout"]!.GetValue<int>());
        // Filters see the stored values.
        var filtered = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers?create_remove_timeout=-1&secondary_key_servers=10.1.2.3*");
        Assert.Equal(1, filtered.Body!["num_records"]!.GetValue<int>());

        // PATCH replaces the whole list; an empty list removes them; a PATCH without the field keeps them.
        (await host.Admin.PatchJsonAsync(server, new { secondary_key_servers = new[] { "10.9.9.9" } })).AssertStatus(HttpStatusCode.OK);
        (await host.Admin.PatchJsonAsync(server, new { timeout = 30 })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal($"10.9.9.9:{port}", StoreProbe.Rows(host.DataDir, "SELECT secondary_key_servers FROM key_servers").Single()[0]);
        (await host.Admin.PatchJsonAsync(server, new { secondary_key_servers = Array.Empty<string>(), create_remove_timeout = 0 })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["", 0L], StoreProbe.Rows(host.DataDir, "SELECT secondary_key_servers, create_remove_timeout FROM key_servers").Single());
    }

    [SkippableFact]
    public async Task Every_refusal_of_the_patch_table_arises_and_changes_nothing()
    {
        var peer = KmipPeers.A;
        var uuid = await host.CreateOnAsync(peer, peer.Server, peer.Alias);
        var server = $"{ExternalHost.Managers}/{uuid}/key-servers/{peer.Server}";
        var port = peer.Server.Split(':')[1];
        var cases = new (object Body, string Code, string Target)[]
        {
            (new { secondary_key_servers = new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4" } }, "65537400", "secondary_key_servers"),
            (new { secondary_key_servers = new[] { peer.Server } }, "65538407", "secondary_key_servers"),
            (new { secondary_key_servers = new[] { "10.0.0.1", $"10.0.0.1:{port}" } }, "65538408", "secondary_key_servers"),
            (new { secondary_key_servers = new[] { "not a host!" } }, "65538413", "secondary_key_servers"),
            (new { secondary_key_servers = new[] { "10.0.0.1:99999" } }, "65538413", "secondary_key_servers"),
            (new { secondary_key_servers = new[] { peer.Alias } }, "65538502", "secondary_key_servers"),
            (new { create_remove_timeout = 61 }, "262197", "create_remove_timeout"),
            (new { create_remove_timeout = -2 }, "262197", "create_remove_timeout"),
            (new { secondary_key_servers = "10.0.0.1" }, "262197", "secondary_key_servers"),
        };
        foreach (var (body, code, target) in cases)
        {
            (await host.Admin.PatchJsonAsync(server, body)).AssertError(HttpStatusCode.BadRequest, code, target: target);
        }
        Assert.All(StoreProbe.Rows(host.DataDir, "SELECT secondary_key_servers, create_remove_timeout FROM key_servers"), r => Assert.Equal(["", 60L], r));
    }

    public void Dispose() => host.Dispose();
}
