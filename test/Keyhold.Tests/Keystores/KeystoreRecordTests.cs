using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Keystores;

/// <summary>/api/security/key-stores field for field at each release: 9.10's record, 9.14's enabled/configuration/scope, 9.16's state.</summary>
public sealed class KeystoreRecordTests
{
    private const string Stores = "/api/security/key-stores";

    [Fact]
    public async Task At_the_default_release_the_onboard_configuration_is_an_active_okm_keystore_named_default()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        var km = await OnboardSetup.EnableAsync(admin);

        var all = await admin.GetJsonAsync($"{Stores}?fields=*");
        var one = await admin.GetJsonAsync($"{Stores}/{km}");

        all.AssertStatus(HttpStatusCode.OK);
        var record = all.Body!["records"]!.AsArray().Single()!;
        Assert.Equal(km, record["uuid"]!.GetValue<string>());
        Assert.Equal("okm", record["type"]!.GetValue<string>());
        Assert.Equal("onboard", record["location"]!.GetValue<string>());
        Assert.True(record["enabled"]!.GetValue<bool>());
        Assert.Equal("cluster", record["scope"]!.GetValue<string>());
        Assert.Equal("active", record["state"]!.GetValue<string>());
        Assert.Equal("default", record["configuration"]!["name"]!.GetValue<string>());
        Assert.Equal(km, record["configuration"]!["uuid"]!.GetValue<string>());
        Assert.Equal($"/api/security/key-managers/{km}", record["configuration"]!["_links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Null(record["svm"]);
        one.AssertStatus(HttpStatusCode.OK);
        Assert.Equal($"{Stores}/{km}", one.Body!["_links"]!["self"]!["href"]!.GetValue<string>());
        Assert.Equal("active", one.Body["state"]!.GetValue<string>());
        // What the store holds: the one configuration, enabled for the cluster's scope.
        Assert.Equal([km, "cluster", "onboard"], StoreProbe.Rows(factory.DataDir, "SELECT uuid, scope_key, kind FROM key_managers").Single());
    }

    [Fact]
    public async Task Without_fields_a_record_is_its_uuid_and_link_and_every_collection_query_works()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        var km = await OnboardSetup.EnableAsync(admin);

        var bare = (await admin.GetJsonAsync(Stores)).Body!["records"]![0]!.AsObject();
        Assert.Equal(["uuid", "_links"], bare.Select(p => p.Key));
        Assert.Equal(1, (await admin.GetJsonAsync($"{Stores}?type=okm&enabled=true&state=active&location=onboard&scope=cluster")).Body!["num_records"]!.GetValue<int>());
        Assert.Equal(0, (await admin.GetJsonAsync($"{Stores}?type=kmip")).Body!["num_records"]!.GetValue<int>());
        Assert.Equal(0, (await admin.GetJsonAsync($"{Stores}?enabled=false")).Body!["num_records"]!.GetValue<int>());
        Assert.Equal(1, (await admin.GetJsonAsync($"{Stores}?configuration.uuid={km}&return_records=false")).Body!["num_records"]!.GetValue<int>());
        var ordered = await admin.GetJsonAsync($"{Stores}?order_by=type desc&max_records=1&fields=type");
        ordered.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("okm", ordered.Body!["records"]![0]!["type"]!.GetValue<string>());
        (await admin.GetJsonAsync($"{Stores}?fields=nothing")).AssertError(HttpStatusCode.BadRequest, "262197");
    }

    [Fact]
    public async Task At_9_10_the_record_has_no_enabled_configuration_scope_or_state_and_one_record_has_no_endpoint()
    {
        using var factory = At("9.10.1");
        var admin = factory.Admin();
        var km = await OnboardSetup.EnableAsync(admin);

        var all = await admin.GetJsonAsync($"{Stores}?fields=*");

        all.AssertStatus(HttpStatusCode.OK);
        var record = all.Body!["records"]![0]!.AsObject();
        Assert.Equal(["uuid", "type", "location", "_links"], record.Select(p => p.Key));
        (await admin.GetJsonAsync($"{Stores}?fields=enabled")).AssertError(HttpStatusCode.BadRequest, "262197");
        (await admin.GetJsonAsync($"{Stores}?state=active")).AssertError(HttpStatusCode.BadRequest, "262179");
        (await admin.GetJsonAsync($"{Stores}/{km}")).AssertError(HttpStatusCode.NotFound, "3", "API not found");
        (await admin.PatchJsonAsync($"{Stores}/{km}", new { enabled = true })).AssertError(HttpStatusCode.NotFound, "3", "API not found");
        (await admin.DeleteJsonAsync($"{Stores}/{km}")).AssertError(HttpStatusCode.NotFound, "3", "API not found");
    }

    [Fact]
    public async Task At_9_14_enabled_configuration_and_scope_appear_and_state_waits_for_9_16()
    {
        using var factory = At("9.14.1");
        var admin = factory.Admin();
        var km = await OnboardSetup.EnableAsync(admin);

        var one = await admin.GetJsonAsync($"{Stores}/{km}?fields=*");

        one.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["uuid", "type", "location", "configuration", "enabled", "scope", "_links"], one.Body!.AsObject().Select(p => p.Key));
        (await admin.GetJsonAsync($"{Stores}?fields=state")).AssertError(HttpStatusCode.BadRequest, "262197");
    }

    [Fact]
    public async Task Before_9_10_there_is_no_key_stores_api()
    {
        using var factory = At("9.9.1");

        (await factory.Admin().GetJsonAsync(Stores)).AssertError(HttpStatusCode.NotFound, "3", "API not found");
    }

    [Fact]
    public async Task Create_inactive_is_9_16_and_before_it_is_an_unexpected_argument_with_nothing_stored()
    {
        using var factory = At("9.15.1");

        var refused = await factory.Admin().PostJsonAsync("/api/security/key-managers?create_inactive=true",
            new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        refused.AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"create_inactive\".");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task An_inactive_onboard_configuration_serves_no_keys_and_shows_as_disabled_without_state_or_status()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();

        var created = await admin.PostJsonAsync("/api/security/key-managers?create_inactive=true&return_records=true",
            new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        created.AssertStatus(HttpStatusCode.Created);
        var km = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.False(created.Body["records"]![0]!["enabled"]!.GetValue<bool>());
        var manager = (await admin.GetJsonAsync($"/api/security/key-managers/{km}?fields=**")).Body!;
        Assert.False(manager["enabled"]!.GetValue<bool>());
        Assert.False(manager["onboard"]!["enabled"]!.GetValue<bool>());
        Assert.Null(manager["status"]);
        Assert.Equal(1, (await admin.GetJsonAsync("/api/security/key-managers?enabled=false")).Body!["num_records"]!.GetValue<int>());
        var store = (await admin.GetJsonAsync($"{Stores}/{km}?fields=*")).Body!.AsObject();
        Assert.False(store["enabled"]!.GetValue<bool>());
        Assert.False(store.ContainsKey("state"));
        // Stored staged beside the (empty) cluster scope, with its wrapped root key; no key can be made under it.
        Assert.Equal([km, "cluster/inactive/onboard"], StoreProbe.Rows(factory.DataDir, "SELECT uuid, scope_key FROM key_managers").Single());
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "onboard"));
        await Keyhold.Tests.Volumes.VolumeSetup.SvmAsync(admin, "vs1");
        var volume = await admin.PostJsonAsync("/api/storage/volumes", new { name = "v1", svm = new { name = "vs1" }, encryption = new { enabled = true } });
        Assert.True((int)volume.Status is >= 400 and < 500, $"got {volume.Status}");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
    }

    private static KeyholdFactory At(string release) => new() { Settings = { ["Keyhold:Ontap:Version"] = release } };
}
