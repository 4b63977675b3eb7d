using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

public sealed class OnboardCreateTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task Post_creates_the_cluster_onboard_key_manager_and_stores_a_wrapped_hierarchy()
    {
        var client = factory.Admin();
        var created = await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        created.AssertStatus(HttpStatusCode.Created);
        var location = created.Response.Headers.Location!.ToString();
        Assert.StartsWith("/api/security/key-managers/", location);
        var uuid = location["/api/security/key-managers/".Length..];

        var list = await client.GetJsonAsync("/api/security/key-managers?fields=*");
        list.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, list.Body!["num_records"]!.GetValue<int>());
        var record = list.Body["records"]![0]!;
        Assert.Equal(uuid, record["uuid"]!.GetValue<string>());
        Assert.Equal("cluster", record["scope"]!.GetValue<string>());
        Assert.True(record["onboard"]!["enabled"]!.GetValue<bool>());
        Assert.StartsWith("--------------------------BEGIN BACKUP--------------------------\n", record["onboard"]!["key_backup"]!.GetValue<string>());
        Assert.False(record["is_default_data_at_rest_encryption_disabled"]!.GetValue<bool>());
        Assert.True(record["volume_encryption"]!["supported"]!.GetValue<bool>());
        Assert.Null(record["status"]);
        Assert.Null(record["onboard"]!["passphrase"]);

        var stored = StoreProbe.Rows(factory.DataDir, "SELECT km.uuid, km.kind, km.scope, o.wrapped_root FROM key_managers km JOIN onboard o ON o.key_manager_uuid = km.uuid");
        Assert.Single(stored);
        Assert.Equal(uuid, stored[0][0]);
        Assert.Equal("onboard", stored[0][1]);
        Assert.Equal("cluster", stored[0][2]);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "root_key_seals"));
        Assert.DoesNotContain(OnboardSetup.Passphrase, System.Text.Encoding.Latin1.GetString(StoreProbe.AllBytes(factory.DataDir)));
    }

    [Fact]
    public async Task Post_with_return_records_returns_the_created_record()
    {
        var created = await factory.Admin().PostJsonAsync("/api/security/key-managers?return_records=true", new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(1, created.Body!["num_records"]!.GetValue<int>());
        var uuid = created.Body["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal($"/api/security/key-managers/{uuid}", created.Body["records"]![0]!["_links"]!["self"]!["href"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("too short")]
    [InlineData("")]
    [InlineData("passphrase with a tab\tbut otherwise long enough to pass")]
    [InlineData("passphrase with non-ASCII é but otherwise long enough")]
    public async Task Post_with_a_bad_passphrase_is_65536920_and_stores_nothing(string passphrase)
    {
        var result = await factory.Admin().PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase } });

        result.AssertError(HttpStatusCode.BadRequest, "65536920", "The Onboard Key Manager passphrase length is incorrect.");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Post_with_a_257_character_passphrase_is_refused_and_256_accepted()
    {
        var client = factory.Admin();
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = new string('a', 257) } }))
            .AssertError(HttpStatusCode.BadRequest, "65536920");
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = new string('a', 256) } }))
            .AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Second_post_is_65536907_and_leaves_the_first_untouched()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        var backup = await OnboardSetup.BackupAsync(client, uuid);

        var again = await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = OnboardSetup.Other } });

        again.AssertError(HttpStatusCode.BadRequest, "65536907");
        Assert.Equal(backup, await OnboardSetup.BackupAsync(client, uuid));
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Onboard_for_an_svm_is_65536916()
    {
        var client = factory.Admin();
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs0" })).AssertStatus(HttpStatusCode.Created);

        var result = await client.PostJsonAsync("/api/security/key-managers", new { svm = new { name = "vs0" }, onboard = new { passphrase = OnboardSetup.Passphrase } });

        result.AssertError(HttpStatusCode.BadRequest, "65536916", "Onboard key management is only supported for an admin SVM.");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Post_synchronize_rules_are_65537240_65537241_and_65537246()
    {
        var client = factory.Admin();
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { synchronize = true } }))
            .AssertError(HttpStatusCode.BadRequest, "65537240");
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { synchronize = true, passphrase = OnboardSetup.Passphrase, existing_passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65537241");
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { synchronize = true, passphrase = OnboardSetup.Passphrase } }))
            .AssertError(HttpStatusCode.BadRequest, "65537246");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Ansible_create_body_with_synchronize_false_is_accepted()
    {
        var result = await factory.Admin().PostJsonAsync("/api/security/key-managers?return_timeout=30", new { onboard = new { passphrase = OnboardSetup.Passphrase, synchronize = false } });

        result.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Read_only_fields_in_a_post_are_refused()
    {
        var result = await factory.Admin().PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = OnboardSetup.Passphrase, enabled = true } });

        result.AssertError(HttpStatusCode.BadRequest, "262196", target: "onboard.enabled");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Unknown_body_field_is_262179()
    {
        var result = await factory.Admin().PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = OnboardSetup.Passphrase }, colour = "blue" });

        result.AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"colour\".", "colour");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    public void Dispose() => factory.Dispose();
}
