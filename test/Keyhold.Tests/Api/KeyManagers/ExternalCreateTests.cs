using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>The spec's external creation examples against a real PyKMIP server, and the GET shape Ansible relies on.</summary>
public sealed class ExternalCreateTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Cluster_post_with_return_records_answers_as_the_spec_example_and_stores_one_transaction()
    {
        var peer = KmipPeers.A;
        var (client, ca) = await host.InstallPeerAsync(peer);

        var created = await host.CreateAsync(client, ca, peer.Server);

        created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(1, created.Body!["num_records"]!.GetValue<int>());
        var record = created.Body["records"]![0]!;
        var uuid = record["uuid"]!.GetValue<string>();
        Assert.Equal($"{ExternalHost.Managers}/{uuid}", created.Response.Headers.Location!.ToString());
        Assert.Equal($"{ExternalHost.Managers}/{uuid}", record["_links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Equal(client, record["external"]!["client_certificate"]!["uuid"]!.GetValue<string>());
        Assert.Equal(ca, record["external"]!["server_ca_certificates"]![0]!["uuid"]!.GetValue<string>());
        Assert.Equal(peer.Server, record["external"]!["servers"]![0]!["server"]!.GetValue<string>());
        Assert.Null(record["svm"]);

        var stored = StoreProbe.Rows(host.DataDir, "SELECT kind, scope, client_cert_uuid, server_ca_uuids FROM key_managers");
        Assert.Equal(["external", "cluster", client, $"[\"{ca}\"]"], stored.Single());
        Assert.Equal([peer.Server, 25L, ""], StoreProbe.Rows(host.DataDir, "SELECT server, timeout, username FROM key_servers").Single());
    }

    [SkippableFact]
    public async Task Get_returns_certificates_as_uuid_and_links_only_and_servers_with_timeout_username_and_links()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);

        var list = await host.Admin.GetJsonAsync(ExternalHost.Managers + "?scope=cluster&fields=status,external,uuid,onboard");

        list.AssertStatus(HttpStatusCode.OK);
        var record = list.Body!["records"]!.AsArray().Single()!;
        Assert.Equal(uuid, record["uuid"]!.GetValue<string>());
        Assert.Null(record["onboard"]);
        var external = record["external"]!;
        Assert.Equal(["uuid", "_links"], external["client_certificate"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["uuid", "_links"], external["server_ca_certificates"]![0]!.AsObject().Select(p => p.Key));
        var server = external["servers"]![0]!;
        Assert.Equal(KmipPeers.A.Server, server["server"]!.GetValue<string>());
        Assert.Equal(25, server["timeout"]!.GetValue<int>());
        Assert.Equal("", server["username"]!.GetValue<string>());
        Assert.Equal($"{ExternalHost.Managers}/{uuid}/key-servers/127.0.0.1%3A{KmipPeers.A.Port}", server["_links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Equal(0, record["status"]!["code"]!.GetValue<int>());
        Assert.Equal("No action needed at this time.", record["status"]!["message"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Svm_post_uses_the_svms_certificates_and_coexists_with_cluster_onboard()
    {
        await OnboardSetup.EnableAsync(host.Admin);
        var svm = await host.CreateSvmAsync("svm1");
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A, "svm1");

        var created = await host.Admin.PostJsonAsync(ExternalHost.Managers + "?return_records=true",
            ExternalHost.Body(client, [ca], [KmipPeers.A.Server], svm).ToJsonString());

        created.AssertStatus(HttpStatusCode.Created);
        var record = created.Body!["records"]![0]!;
        Assert.Equal(svm, record["svm"]!["uuid"]!.GetValue<string>());
        Assert.Equal("svm", record["scope"]!.GetValue<string>());
        Assert.Equal(client, record["external"]!["client_certificate"]!["uuid"]!.GetValue<string>());
        Assert.Equal(2, host.Count("key_managers"));
        var svmList = await host.Admin.GetJsonAsync(ExternalHost.Managers + "?scope=svm&svm.name=svm1&fields=external");
        Assert.Equal(KmipPeers.A.Server, svmList.Body!["records"]![0]!["external"]!["servers"]![0]!["server"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Certificates_may_be_named_and_a_server_without_port_gets_5696()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        var nameOf = new Dictionary<string, string>();
        foreach (var uuid in new[] { client, ca })
        {
            var cert = (await host.Admin.GetJsonAsync($"/api/security/certificates/{uuid}?fields=name,type")).Body!;
            nameOf[cert["type"]!.GetValue<string>()] = cert["name"]!.GetValue<string>();
        }
        var body = ExternalHost.Body(client, [ca], ["127.0.0.1", "127.0.0.1:5696"]);
        body["external"]!["client_certificate"] = new JsonObject { ["name"] = nameOf["client"] };
        body["external"]!["server_ca_certificates"] = new JsonArray(new JsonObject { ["name"] = nameOf["server_ca"] });

        // "127.0.0.1" normalises to 127.0.0.1:5696, so the two are duplicates: refused before any connection.
        (await host.Admin.PostJsonAsync(ExternalHost.Managers, body.ToJsonString())).AssertError(HttpStatusCode.BadRequest, "65536871");

        body["external"]!["servers"] = new JsonArray(new JsonObject { ["server"] = KmipPeers.A.Server });
        var created = await host.Admin.PostJsonAsync(ExternalHost.Managers + "?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(client, created.Body!["records"]![0]!["external"]!["client_certificate"]!["uuid"]!.GetValue<string>());
    }

    public void Dispose() => host.Dispose();
}
