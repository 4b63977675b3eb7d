using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagerConfigs;

/// <summary>GET and PATCH /api/security/key-manager-configs: field for field, at the releases that have each field, and what the store then holds.</summary>
public sealed class KeyManagerConfigsTests
{
    [Fact]
    public async Task A_new_cluster_answers_onTAPs_defaults_and_never_a_passphrase()
    {
        using var factory = new KeyholdFactory();

        var got = await factory.Admin().GetJsonAsync(ConfigSetup.Path);

        got.AssertStatus(HttpStatusCode.OK);
        var body = got.Body!.AsObject();
        Assert.False(body["cc_mode_enabled"]!.GetValue<bool>());
        Assert.Equal(15, body["health_monitor_polling_interval"]!.GetValue<int>());
        Assert.Equal(3, body["cloud_kms_retry_count"]!.GetValue<int>());
        // 9.16.1 (the default) has the policy of every keystore type but Barbican's (9.17).
        Assert.Equal(["okm", "kmip", "akv", "gcp", "aws", "ikp"], body["health_monitor_policy"]!.AsObject().Select(p => p.Key));
        Assert.True(body["health_monitor_policy"]!["kmip"]!["enabled"]!.GetValue<bool>());
        Assert.True(body["health_monitor_policy"]!["okm"]!["manage_volume_offline"]!.GetValue<bool>());
        Assert.Null(body["passphrase"]);
        Assert.Null(body["records"]);
        Assert.Equal(ConfigSetup.Path, body["_links"]!["self"]!["href"]!.GetValue<string>());
        // fields, and the max_records na_ontap_rest_info sends to every subset.
        var some = await factory.Admin().GetJsonAsync(ConfigSetup.Path + "?fields=health_monitor_policy.aws,health_monitor_policy.gcp&max_records=1024");
        Assert.Equal(["aws", "gcp"], some.Body!["health_monitor_policy"]!.AsObject().Select(p => p.Key).Order());
        Assert.Null(some.Body["cc_mode_enabled"]);
        (await factory.Admin().GetJsonAsync(ConfigSetup.Path + "?fields=passphrase")).AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
    }

    [Fact]
    public async Task Patch_takes_numbers_and_booleans_as_text_answers_200_without_a_body_and_stores_them_for_every_node()
    {
        var shared = TempDir.Create();
        var store = Path.Combine(shared, "cluster.db");
        using var first = new KeyholdFactory(storePath: store, nodeName: "node-01");
        using var second = new KeyholdFactory(storePath: store, nodeName: "node-02");

        var patched = await first.Admin().PatchJsonAsync(ConfigSetup.Path,
            """{"cloud_kms_retry_count":"5","health_monitor_policy":{"aws":{"enabled":"false"},"gcp":{"manage_volume_offline":"false"},"okm":{"enabled":false}}}""");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Null(patched.Body);
        Assert.Equal(0, patched.Response.Content.Headers.ContentLength ?? 0);
        var other = (await second.Admin().GetJsonAsync(ConfigSetup.Path)).Body!;
        Assert.Equal(5, other["cloud_kms_retry_count"]!.GetValue<int>());
        Assert.False(other["health_monitor_policy"]!["aws"]!["enabled"]!.GetValue<bool>());
        Assert.True(other["health_monitor_policy"]!["aws"]!["manage_volume_offline"]!.GetValue<bool>());
        Assert.False(other["health_monitor_policy"]!["gcp"]!["manage_volume_offline"]!.GetValue<bool>());
        Assert.False(other["health_monitor_policy"]!["okm"]!["enabled"]!.GetValue<bool>());
        Assert.True(other["health_monitor_policy"]!["kmip"]!["enabled"]!.GetValue<bool>());
        var row = StoreProbe.Rows(shared, "SELECT cc_mode, polling_interval, cloud_kms_retry_count, health_policy FROM key_manager_config", "cluster.db").Single();
        Assert.Equal(5L, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(15L, Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture));
        var policy = JsonNode.Parse((string)row[3]!)!;
        Assert.False(policy["aws"]!["enabled"]!.GetValue<bool>());
        Assert.False(policy["okm"]!["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"cloud_kms_retry_count":"five"}""", "cloud_kms_retry_count")]
    [InlineData("""{"cc_mode_enabled":"yes"}""", "cc_mode_enabled")]
    [InlineData("""{"health_monitor_policy":{"kmip":{"enabled":1}}}""", "health_monitor_policy.kmip.enabled")]
    [InlineData("""{"cloud_kms_retry_count":11}""", "cloud_kms_retry_count")]
    [InlineData("""{"cloud_kms_retry_count":"-1"}""", "cloud_kms_retry_count")]
    [InlineData("""{"health_monitor_polling_interval":14}""", "health_monitor_polling_interval")]
    [InlineData("""{"health_monitor_polling_interval":"31"}""", "health_monitor_polling_interval")]
    public async Task A_value_that_is_not_of_its_type_or_out_of_its_range_is_262197_and_changes_nothing(string body, string target)
    {
        using var factory = new KeyholdFactory();

        var refused = await factory.Admin().PatchJsonAsync(ConfigSetup.Path, body);

        refused.AssertError(HttpStatusCode.BadRequest, "262197", target: target);
        Assert.Null(ConfigSetup.Row(factory.DataDir));
    }

    [Fact]
    public async Task Before_9_10_there_is_no_such_api_and_9_10_has_neither_the_retry_count_nor_the_policy()
    {
        using var old = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.7.0" } };
        (await old.Admin().GetJsonAsync(ConfigSetup.Path)).AssertError(HttpStatusCode.NotFound, "3", "API not found");
        (await old.Admin().PatchJsonAsync(ConfigSetup.Path, """{"cloud_kms_retry_count":4}""")).AssertError(HttpStatusCode.NotFound, "3");

        using var v910 = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.10.1" } };
        var got = await v910.Admin().GetJsonAsync(ConfigSetup.Path);
        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["cc_mode_enabled", "health_monitor_polling_interval", "_links"], got.Body!.AsObject().Select(p => p.Key));
        (await v910.Admin().GetJsonAsync(ConfigSetup.Path + "?fields=cloud_kms_retry_count")).AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
        (await v910.Admin().PatchJsonAsync(ConfigSetup.Path, """{"cloud_kms_retry_count":4}"""))
            .AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"cloud_kms_retry_count\".", "cloud_kms_retry_count");
        (await v910.Admin().PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_policy":{"okm":{"enabled":false}}}"""))
            .AssertError(HttpStatusCode.BadRequest, "262179", target: "health_monitor_policy");
        Assert.Null(ConfigSetup.Row(v910.DataDir));

        using var v916 = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.16.1" } };
        (await v916.Admin().PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_policy":{"barbican":{"enabled":false}}}"""))
            .AssertError(HttpStatusCode.BadRequest, "262179", target: "health_monitor_policy.barbican");
        using var v917 = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.17.1" } };
        (await v917.Admin().PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_policy":{"barbican":{"enabled":false}}}""")).AssertStatus(HttpStatusCode.OK);
        Assert.False((await v917.Admin().GetJsonAsync(ConfigSetup.Path)).Body!["health_monitor_policy"]!["barbican"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_reader_may_look_but_not_change()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        (await admin.PostJsonAsync("/api/security/accounts", new { name = "watcher", role = new { name = "readonly" }, password = "Reader-Pass-2024!" }))
            .AssertStatus(HttpStatusCode.Created);
        var reader = factory.Client("watcher", "Reader-Pass-2024!");

        (await reader.GetJsonAsync(ConfigSetup.Path)).AssertStatus(HttpStatusCode.OK);
        var refused = await reader.PatchJsonAsync(ConfigSetup.Path, """{"cloud_kms_retry_count":4}""");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Null(ConfigSetup.Row(factory.DataDir));
    }
}
