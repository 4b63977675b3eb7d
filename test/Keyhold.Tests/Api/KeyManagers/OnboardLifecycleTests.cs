using System.Net;
using Keyhold.Onboard;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

public sealed class OnboardLifecycleTests
{
    [Fact]
    public async Task A_restarted_node_finds_the_key_manager_enabled_and_its_root_key_without_the_passphrase()
    {
        string uuid, fingerprint;
        string dataDir;
        using (var first = new KeyholdFactory())
        {
            dataDir = first.DataDir;
            uuid = await OnboardSetup.EnableAsync(first.Admin());
            fingerprint = (string)StoreProbe.Rows(dataDir, "SELECT root_fingerprint FROM onboard")[0][0]!;
        }

        using var second = new KeyholdFactory(dataDir);
        var client = second.Admin();
        var got = await client.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=onboard.enabled,status");
        got.AssertStatus(HttpStatusCode.OK);
        Assert.True(got.Body!["onboard"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(0, got.Body["status"]!["code"]!.GetValue<int>());
        Assert.Equal("No action needed at this time.", got.Body["status"]!["message"]!.GetValue<string>());
        var root = await second.Service<RootKeyCache>().GetAsync(Guid.Parse(uuid), CancellationToken.None);
        Assert.NotNull(root);
        Assert.Equal(fingerprint, root!.Fingerprint);
    }

    [Fact]
    public async Task Status_is_expensive_so_only_named_fields_or_double_star_return_it()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);

        var star = await client.GetJsonAsync("/api/security/key-managers?fields=*");
        Assert.Null(star.Body!["records"]![0]!["status"]);
        var named = await client.GetJsonAsync("/api/security/key-managers?fields=status.message,status.code");
        Assert.Equal(0, named.Body!["records"]![0]!["status"]!["code"]!.GetValue<int>());
        Assert.Equal(uuid, named.Body["records"]![0]!["uuid"]!.GetValue<string>());
        Assert.Null(named.Body["records"]![0]!["onboard"]);
        var all = await client.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=**");
        Assert.Equal("No action needed at this time.", all.Body!["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_removes_the_key_manager_and_every_stored_part_then_it_can_be_enabled_again()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);

        (await client.DeleteJsonAsync($"/api/security/key-managers/{uuid}?return_timeout=30")).AssertStatus(HttpStatusCode.OK);

        (await client.GetJsonAsync($"/api/security/key-managers/{uuid}")).AssertError(HttpStatusCode.NotFound, "4", target: "uuid");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "onboard"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "root_key_seals"));
        await OnboardSetup.EnableAsync(client, OnboardSetup.Other);
    }

    [Fact]
    public async Task Query_based_delete_removes_matching_key_managers()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);

        (await client.DeleteJsonAsync("/api/security/key-managers?return_timeout=30&scope=svm")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "key_managers"));
        (await client.DeleteJsonAsync("/api/security/key-managers?return_timeout=30&scope=cluster")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Ansible_lookup_query_returns_the_record_with_uuid_onboard_and_status()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);

        var got = await client.GetJsonAsync("/api/security/key-managers?scope=cluster&fields=status%2Cexternal%2Cuuid%2Conboard");

        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, got.Body!["num_records"]!.GetValue<int>());
        var record = got.Body["records"]![0]!;
        Assert.Equal(uuid, record["uuid"]!.GetValue<string>());
        Assert.True(record["onboard"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(0, record["status"]!["code"]!.GetValue<int>());
        Assert.Equal(0, (await client.GetJsonAsync("/api/security/key-managers?scope=svm&svm.name=vs9&fields=uuid")).Body!["num_records"]!.GetValue<int>());
    }
}
