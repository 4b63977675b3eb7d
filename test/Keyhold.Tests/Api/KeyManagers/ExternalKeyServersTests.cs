using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Keys;
using Keyhold.Kmip;
using Keyhold.Storage;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>The spec's key-server examples: add one, add several in records, list, read, patch, delete.</summary>
public sealed class ExternalKeyServersTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Servers_are_added_listed_read_patched_and_deleted_as_in_the_spec()
    {
        var peer = KmipPeers.A;
        var uuid = await host.CreateOnAsync(peer);
        var servers = $"{ExternalHost.Managers}/{uuid}/key-servers";

        var added = await host.Admin.PostJsonAsync(servers + "?return_records=true", new { server = peer.Alias });
        added.AssertStatus(HttpStatusCode.Created);
        var aliasHref = $"{servers}/localhost%3A{peer.Port}";
        Assert.Equal(1, added.Body!["num_records"]!.GetValue<int>());
        Assert.Equal(peer.Alias, added.Body["records"]![0]!["server"]!.GetValue<string>());
        Assert.Equal(aliasHref, added.Body["records"]![0]!["_links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Equal(aliasHref, added.Response.Headers.Location!.OriginalString);

        var list = await host.Admin.GetJsonAsync(servers + "?fields=*");
        list.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, list.Body!["num_records"]!.GetValue<int>());
        foreach (var record in list.Body["records"]!.AsArray())
        {
            Assert.Equal(uuid, record!["uuid"]!.GetValue<string>());
            Assert.Equal(25, record["timeout"]!.GetValue<int>());
            Assert.Equal("", record["username"]!.GetValue<string>());
            Assert.Null(record["connectivity"]);
        }
        Assert.Equal([peer.Server, peer.Alias], list.Body["records"]!.AsArray().Select(r => r!["server"]!.GetValue<string>()));

        // Both spellings of {server} reach the same record.
        foreach (var path in new[] { $"{servers}/localhost:{peer.Port}", aliasHref })
        {
            var got = await host.Admin.GetJsonAsync(path);
            got.AssertStatus(HttpStatusCode.OK);
            Assert.Equal(peer.Alias, got.Body!["server"]!.GetValue<string>());
            Assert.Equal(uuid, got.Body["uuid"]!.GetValue<string>());
        }

        (await host.Admin.PatchJsonAsync($"{servers}/localhost:{peer.Port}", new { timeout = 45, username = "kmip-user", password = "SECRET-kmip-password" }))
            .AssertStatus(HttpStatusCode.OK);
        var patched = await host.Admin.GetJsonAsync(aliasHref + "?fields=*");
        Assert.Equal(45, patched.Body!["timeout"]!.GetValue<int>());
        Assert.Equal("kmip-user", patched.Body["username"]!.GetValue<string>());
        Assert.Null(patched.Body["password"]);
        Assert.NotNull(StoreProbe.Rows(host.DataDir, "SELECT wrapped_password FROM key_servers WHERE username = 'kmip-user'").Single()[0]);

        // The credential now travels in every request header; PyKMIP still accepts the server.
        // (Ansible re-sends what GET returned; the PATCH re-verifies both servers with the credential in the header.)
        var km = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=external");
        var cas = km.Body!["external"]!["server_ca_certificates"]!.DeepClone();
        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{uuid}", new JsonObject { ["external"] = new JsonObject { ["server_ca_certificates"] = cas } }.ToJsonString()))
            .AssertStatus(HttpStatusCode.OK);

        (await host.Admin.DeleteJsonAsync(aliasHref)).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([peer.Server], StoreProbe.Rows(host.DataDir, "SELECT server FROM key_servers").Select(r => (string)r[0]!));
        Assert.DoesNotContain("SECRET", host.Logs.All + System.Text.Encoding.Latin1.GetString(StoreProbe.AllBytes(host.DataDir)));
    }

    [SkippableFact]
    public async Task Several_servers_are_added_in_records_and_answered_with_one_collection_record()
    {
        var peer = KmipPeers.A;
        using var other = new FakeKmipServer(FakeKmipServer.Mode.Answer, ProtocolVersion.V1_4);
        var (client, ca) = await host.InstallPeerAsync(peer);
        var otherCa = await host.InstallAsync("server_ca", other.CaPem);
        var created = await host.Admin.PostJsonAsync(ExternalHost.Managers + "?return_records=true", ExternalHost.Body(client, [ca, otherCa], [peer.Server]).ToJsonString());
        var servers = $"{ExternalHost.Managers}/{created.Body!["records"]![0]!["uuid"]}/key-servers";

        var added = await host.Admin.PostJsonAsync(servers + "?return_records=true", new { records = new[] { new { server = peer.Alias }, new { server = other.Server } } });

        added.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(1, added.Body!["num_records"]!.GetValue<int>());
        Assert.Equal(servers + "/", added.Body["records"]![0]!["_links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Equal(3, host.Count("key_servers"));

        // A server that fails verification is not stored.
        using var http = new FakeKmipServer(FakeKmipServer.Mode.Http);
        (await host.Admin.PostJsonAsync(servers, new { records = new[] { new { server = http.Server } } })).AssertError(HttpStatusCode.BadRequest, "66060340");
        Assert.Equal(3, host.Count("key_servers"));
    }

    [SkippableFact]
    public async Task Additions_obey_the_creation_limits()
    {
        var peer = KmipPeers.A;
        var uuid = await host.CreateOnAsync(peer, peer.Server, peer.Alias);
        var servers = $"{ExternalHost.Managers}/{uuid}/key-servers";

        (await host.Admin.PostJsonAsync(servers, new { server = peer.Server })).AssertError(HttpStatusCode.BadRequest, "65536871");
        (await host.Admin.PostJsonAsync(servers, new { records = new[] { new { server = "10.0.0.1" }, new { server = "10.0.0.2" }, new { server = "10.0.0.3" } } }))
            .AssertError(HttpStatusCode.BadRequest, "65536038");
        (await host.Admin.PostJsonAsync(servers, new { server = "10.0.0.1", records = new[] { new { server = "10.0.0.2" } } }))
            .AssertError(HttpStatusCode.BadRequest, "262197");
        (await host.Admin.PostJsonAsync(servers, new { })).AssertError(HttpStatusCode.BadRequest, "65536876");
        Assert.Equal(2, host.Count("key_servers"));
    }

    [SkippableFact]
    public async Task Timeout_must_be_1_to_60_and_unknown_servers_are_404_or_65536843()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        var server = $"{ExternalHost.Managers}/{uuid}/key-servers/{KmipPeers.A.Server}";

        (await host.Admin.PatchJsonAsync(server, new { timeout = 0 })).AssertError(HttpStatusCode.BadRequest, "262197", target: "timeout");
        (await host.Admin.PatchJsonAsync(server, new { timeout = 61 })).AssertError(HttpStatusCode.BadRequest, "262197", target: "timeout");
        (await host.Admin.PatchJsonAsync(server, new { server = "10.0.0.9" })).AssertError(HttpStatusCode.BadRequest, "262196");
        (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers/10.9.9.9:5696")).AssertError(HttpStatusCode.NotFound, "4");
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers/10.9.9.9:5696")).AssertError(HttpStatusCode.BadRequest, "65536843");
        (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{Guid.NewGuid()}/key-servers")).AssertError(HttpStatusCode.NotFound, "4");
        Assert.Equal(25L, StoreProbe.Rows(host.DataDir, "SELECT timeout FROM key_servers").Single()[0]);
    }

    [SkippableFact]
    public async Task Key_servers_of_an_onboard_key_manager_are_65536828()
    {
        var uuid = await OnboardSetup.EnableAsync(host.Admin);

        (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers")).AssertError(HttpStatusCode.BadRequest, "65536828");
        (await host.Admin.PostJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers", new { server = "10.0.0.1" })).AssertError(HttpStatusCode.BadRequest, "65536828");
    }

    [SkippableFact]
    public async Task The_last_server_goes_only_when_no_key_depends_on_it()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A, KmipPeers.A.Server, KmipPeers.A.Alias);
        await host.Service<IStore>().WriteAsync((c, tx, t) => DataKeyRepository.InsertAsync(c, tx,
            new DataKey("key-1", Guid.Parse(uuid), "vek", null, null, null, "{}", DateTimeOffset.UtcNow), t));
        var servers = $"{ExternalHost.Managers}/{uuid}/key-servers";

        (await host.Admin.DeleteJsonAsync($"{servers}/{KmipPeers.A.Alias}")).AssertStatus(HttpStatusCode.OK);
        (await host.Admin.DeleteJsonAsync($"{servers}/{KmipPeers.A.Server}")).AssertError(HttpStatusCode.BadRequest, "65536700");
        Assert.Equal(1, host.Count("key_servers"));

        await host.Service<IStore>().WriteAsync((c, tx, t) => DataKeyRepository.DeleteAsync(c, tx, "key-1", t));
        (await host.Admin.DeleteJsonAsync($"{servers}/{KmipPeers.A.Server}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, host.Count("key_servers"));
    }

    public void Dispose() => host.Dispose();
}
