using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Observability;

/// <summary>/health/live and /health/ready on a real `keyhold serve`: what they say, without credentials, and when ready fails.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_answer_without_credentials_and_reveal_no_secret()
    {
        using var node = new ObservedNode();
        using var anonymous = node.Anonymous();

        var live = await anonymous.GetJsonAsync("/health/live");
        live.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("healthy", live.Body!["status"]!.GetValue<string>());

        var ready = await anonymous.GetJsonAsync("/health/ready");
        ready.AssertStatus(HttpStatusCode.OK);
        var checks = ready.Body!["checks"]!;
        Assert.Equal(["key_servers", "node_key", "onboard_root_key", "store"], checks.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(checks.AsObject(), c => Assert.Equal("healthy", c.Value!["status"]!.GetValue<string>()));
        Assert.Equal("sqlite", checks["store"]!["data"]!["store"]!.GetValue<string>());
        Assert.Equal(0, checks["onboard_root_key"]!["data"]!["onboard_key_managers"]!.GetValue<int>());

        using var admin = node.Client();
        await OnboardSetup.EnableAsync(admin);
        var nodeUuid = (await admin.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var after = await anonymous.GetAsync("/health/ready");
        var text = await after.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("healthy", body["checks"]!["onboard_root_key"]!["status"]!.GetValue<string>());
        Assert.Equal(1, body["checks"]!["onboard_root_key"]!["data"]!["onboard_key_managers"]!.GetValue<int>());
        Assert.Equal(nodeUuid, body["checks"]!["node_key"]!["data"]!["node_uuid"]!.GetValue<string>());
        Assert.DoesNotContain(OnboardSetup.Passphrase, text, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyholdFactory.AdminPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_is_503_while_the_sqlite_file_is_gone_and_200_once_it_is_back()
    {
        using var node = new ObservedNode();
        using var anonymous = node.Anonymous();
        (await anonymous.GetJsonAsync("/health/ready")).AssertStatus(HttpStatusCode.OK);

        var file = Path.Combine(node.DataDir, "keyhold.db");
        File.Move(file, file + ".away");
        try
        {
            var down = await anonymous.GetJsonAsync("/health/ready");
            down.AssertStatus(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unhealthy", down.Body!["status"]!.GetValue<string>());
            Assert.Equal("unhealthy", down.Body["checks"]!["store"]!["status"]!.GetValue<string>());
            Assert.Equal("healthy", down.Body["checks"]!["node_key"]!["status"]!.GetValue<string>());
            // Live says only that the process answers.
            (await anonymous.GetJsonAsync("/health/live")).AssertStatus(HttpStatusCode.OK);
            // Nothing in the node (a probe, a background writer opening a fresh connection) made an empty store meanwhile.
            Assert.False(File.Exists(file), "a new, empty keyhold.db was created while the store file was away");
        }
        finally
        {
            File.Move(file + ".away", file);
        }
        (await anonymous.GetJsonAsync("/health/ready")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_node_without_the_onboard_root_key_is_not_ready_until_synchronized()
    {
        var store = Path.Combine(TempDir.Create(), "cluster.db");
        using var first = new ObservedNode(new Dictionary<string, string> { ["Keyhold__StorePath"] = store, ["Keyhold__NodeName"] = "node-a" });
        using var a = first.Client();
        var uuid = await OnboardSetup.EnableAsync(a);
        using var second = new ObservedNode(new Dictionary<string, string> { ["Keyhold__StorePath"] = store, ["Keyhold__NodeName"] = "node-b" });
        using var anonymous = second.Anonymous();

        var unready = await anonymous.GetJsonAsync("/health/ready");
        unready.AssertStatus(HttpStatusCode.ServiceUnavailable);
        var rootKey = unready.Body!["checks"]!["onboard_root_key"]!;
        Assert.Equal("unhealthy", rootKey["status"]!.GetValue<string>());
        Assert.Equal([uuid], rootKey["data"]!["missing"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("healthy", unready.Body["checks"]!["store"]!["status"]!.GetValue<string>());
        (await first.Anonymous().GetJsonAsync("/health/ready")).AssertStatus(HttpStatusCode.OK);

        (await a.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Passphrase } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2L, StoreProbe.Rows(Path.GetDirectoryName(store)!, "SELECT COUNT(*) FROM root_key_seals", Path.GetFileName(store))[0][0]);
        (await anonymous.GetJsonAsync("/health/ready")).AssertStatus(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Ready_is_503_when_the_postgresql_store_is_gone()
    {
        var database = PostgresDatabase.Create(); // Skipped with the reason when there is no server, failed when one is required
        try
        {
            using var node = new ObservedNode(new Dictionary<string, string>
            {
                ["Keyhold__Store"] = "postgres",
                ["Keyhold__ConnectionString"] = database.ConnectionString,
            });
            using var anonymous = node.Anonymous();
            var ready = await anonymous.GetJsonAsync("/health/ready");
            ready.AssertStatus(HttpStatusCode.OK);
            Assert.Equal("postgres", ready.Body!["checks"]!["store"]!["data"]!["store"]!.GetValue<string>());
            Assert.Single(database.Rows("SELECT uuid FROM nodes"));

            database.Dispose(); // drops the database, closing the node's connections

            var down = await anonymous.GetJsonAsync("/health/ready");
            down.AssertStatus(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("unhealthy", down.Body!["checks"]!["store"]!["status"]!.GetValue<string>());
            Assert.DoesNotContain(database.ConnectionString, down.Body.ToJsonString(), StringComparison.Ordinal);
            (await anonymous.GetJsonAsync("/health/live")).AssertStatus(HttpStatusCode.OK);
        }
        finally
        {
            database.Dispose();
        }
    }
}
