using System.Net;
using Keyhold.Cluster;
using Keyhold.Onboard;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Keys;

public sealed class KeyIdsTests
{
    [SkippableFact]
    public async Task Every_volume_key_is_listed_with_the_ontap_9_11_fields_and_nothing_of_its_material()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        var vs2 = await SetupAsync(client);
        var node = await NodeAsync(client);
        var keyId = (string)StoreProbe.Rows(factory.DataDir, "SELECT key_id FROM volumes WHERE name = 'vol3'")[0][0]!;

        var got = await client.GetJsonAsync($"/api/security/key-managers/{km}/keys/{node.Uuid}/key-ids?fields=*&key_tag=vol3");

        got.AssertStatus(HttpStatusCode.OK);
        var record = got.Body!["records"]!.AsArray().Single()!;
        Assert.Equal(keyId, record["key_id"]!.GetValue<string>());
        Assert.Equal("vek", record["key_type"]!.GetValue<string>());
        Assert.Equal("onboard", record["key_store"]!.GetValue<string>());
        Assert.Equal("okm", record["key_store_type"]!.GetValue<string>());
        Assert.Equal("onboard", record["key_manager"]!.GetValue<string>());
        Assert.Null(record["key_server"]);
        Assert.Equal("vs2", record["key_user"]!.GetValue<string>());
        Assert.Equal("vol3", record["key_tag"]!.GetValue<string>());
        Assert.True(record["restored"]!.GetValue<bool>());
        Assert.Equal("XTS-AES-256", record["encryption_algorithm"]!.GetValue<string>());
        Assert.Equal(node.Uuid, record["node"]!["uuid"]!.GetValue<string>());
        Assert.Equal(node.Name, record["node"]!["name"]!.GetValue<string>());
        Assert.Equal(vs2, record["svm"]!["uuid"]!.GetValue<string>());
        Assert.Equal(km, record["security_key_manager"]!["uuid"]!.GetValue<string>());
        Assert.Equal($"/api/security/key-managers/{km}/keys/{node.Uuid}/key-ids/{keyId}", record["_links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Equal(["key_id", "key_type", "key_store", "key_store_type", "key_manager", "key_user", "key_tag", "restored", "encryption_algorithm",
            "node", "svm", "security_key_manager", "_links"], record.AsObject().Select(p => p.Key));
        var instance = await client.GetJsonAsync(record["_links"]!["self"]!["href"]!.GetValue<string>());
        instance.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(record.ToJsonString(), instance.Body!.ToJsonString());
    }

    [SkippableFact]
    public async Task Filters_order_and_the_default_fields_work_as_for_any_ontap_collection()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await SetupAsync(client);
        var node = await NodeAsync(client);
        var url = $"/api/security/key-managers/{km}/keys/{node.Uuid}/key-ids";

        var plain = (await client.GetJsonAsync(url)).Body!;
        Assert.Equal(3, plain["num_records"]!.GetValue<int>());
        Assert.Equal(["key_id", "_links"], plain["records"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["vol1", "vol2"], await TagsAsync(client, url + "?key_user=vs1&order_by=key_tag"));
        Assert.Equal(["vol3", "vol2", "vol1"], await TagsAsync(client, url + "?key_type=vek&restored=true&order_by=key_tag desc"));
        Assert.Equal(["vol1", "vol2", "vol3"], await TagsAsync(client, url + "?key_store_type=okm&key_manager=onboard&order_by=key_tag"));
        Assert.Empty(await TagsAsync(client, url + "?key_store=external"));
        Assert.Empty(await TagsAsync(client, url + "?restored=false"));
        Assert.Equal(["vol1"], await TagsAsync(client, url + $"?node.name={node.Name}&max_records=1&order_by=key_tag"));
        (await client.GetJsonAsync(url + "?fields=material")).AssertError(HttpStatusCode.BadRequest, "262197");
    }

    [SkippableFact]
    public async Task Unknown_key_manager_node_or_key_is_404_code_4()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await SetupAsync(client);
        var node = await NodeAsync(client);

        (await client.GetJsonAsync($"/api/security/key-managers/{Guid.NewGuid()}/keys/{node.Uuid}/key-ids"))
            .AssertError(HttpStatusCode.NotFound, "4", "entry doesn't exist", "security_key_manager.uuid");
        (await client.GetJsonAsync($"/api/security/key-managers/{km}/keys/{Guid.NewGuid()}/key-ids"))
            .AssertError(HttpStatusCode.NotFound, "4", target: "node.uuid");
        (await client.GetJsonAsync($"/api/security/key-managers/{km}/keys/node-01/key-ids"))
            .AssertError(HttpStatusCode.NotFound, "4", target: "node.uuid");
        (await client.GetJsonAsync($"/api/security/key-managers/{km}/keys/{node.Uuid}/key-ids/{new string('0', 64)}"))
            .AssertError(HttpStatusCode.NotFound, "4", target: "key_id");
    }

    [SkippableFact]
    public async Task A_node_without_a_sealed_root_key_sees_the_keys_as_not_restored()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await SetupAsync(client);
        var joined = new NodeIdentity(Guid.NewGuid(), "node-02");
        using (var nodeKey = NodeKey.Generate())
        {
            await factory.Service<ClusterRepository>().EnsureAsync(joined, nodeKey.PublicKey);
        }

        var url = $"/api/security/key-managers/{km}/keys/{joined.Uuid}/key-ids";
        Assert.Equal(3, (await TagsAsync(client, url + "?restored=false")).Count);
        Assert.Empty(await TagsAsync(client, url + "?restored=true"));
    }

    [SkippableFact]
    public async Task External_keys_show_their_key_server_and_kmip_store_type()
    {
        using var host = new ExternalHost();
        await VolumeSetup.SvmAsync(host.Admin);
        var km = await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server, KmipPeers.A.Alias);
        var (_, keyId) = await VolumeSetup.VolumeAsync(host.Admin, "vol1");
        var node = await NodeAsync(host.Admin);

        var got = await host.Admin.GetJsonAsync($"/api/security/key-managers/{km}/keys/{node.Uuid}/key-ids/{keyId}");

        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("external", got.Body!["key_store"]!.GetValue<string>());
        Assert.Equal("kmip", got.Body["key_store_type"]!.GetValue<string>());
        Assert.Equal(KmipPeers.A.Server, got.Body["key_server"]!.GetValue<string>());
        Assert.Equal(KmipPeers.A.Server, got.Body["key_manager"]!.GetValue<string>());
        Assert.True(got.Body["restored"]!.GetValue<bool>());
        (await host.Admin.DeleteJsonAsync($"/api/security/key-managers/{km}/key-servers/{KmipPeers.A.Server}")).AssertStatus(HttpStatusCode.OK);
        var after = await host.Admin.GetJsonAsync($"/api/security/key-managers/{km}/keys/{node.Uuid}/key-ids/{keyId}?fields=key_server");
        Assert.Equal(KmipPeers.A.Alias, after.Body!["key_server"]!.GetValue<string>());
    }

    /// <summary>vs1 with vol1 and vol2, vs2 with vol3, all encrypted; returns vs2's uuid.</summary>
    private static async Task<string> SetupAsync(HttpClient client)
    {
        await VolumeSetup.SvmAsync(client, "vs1");
        var vs2 = await VolumeSetup.SvmAsync(client, "vs2");
        await VolumeSetup.VolumeAsync(client, "vol1", "vs1");
        await VolumeSetup.VolumeAsync(client, "vol2", "vs1");
        await VolumeSetup.VolumeAsync(client, "vol3", "vs2");
        return vs2;
    }

    private static async Task<(string Uuid, string Name)> NodeAsync(HttpClient client)
    {
        var node = (await client.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!;
        return (node["uuid"]!.GetValue<string>(), node["name"]!.GetValue<string>());
    }

    private static async Task<List<string>> TagsAsync(HttpClient client, string url)
    {
        var got = await client.GetJsonAsync(url + (url.Contains('?') ? "&" : "?") + "fields=key_tag");
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["records"]!.AsArray().Select(r => r!["key_tag"]!.GetValue<string>()).ToList();
    }
}
