using System.Net;
using Keyhold.Ontap;
using Keyhold.Security;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Microsoft.Data.Sqlite;

namespace Keyhold.Tests.Observability;

/// <summary>/metrics on a real `keyhold serve`: who may scrape it, and values that follow what happened.</summary>
public sealed class MetricsTests
{
    private const string ReadOnlyPassword = "read-only-password-for-metrics";

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, HttpStatusCode.OK)]
    [InlineData("authenticated", HttpStatusCode.Unauthorized, HttpStatusCode.OK)]
    [InlineData("anonymous", HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden)]
    public async Task Who_may_scrape_follows_the_setting(string? access, HttpStatusCode anonymousGets, HttpStatusCode readOnlyGets)
    {
        var environment = new Dictionary<string, string>();
        if (access is not null)
        {
            environment["Keyhold__Metrics__Access"] = access;
        }
        using var node = new ObservedNode(environment);
        AddReadOnlyAccount(node.DataDir);

        var anonymous = await node.Anonymous().GetAsync("/metrics");
        Assert.Equal(anonymousGets, anonymous.StatusCode);
        if (anonymousGets == HttpStatusCode.Unauthorized)
        {
            (await node.Anonymous().GetJsonAsync("/metrics")).AssertError(HttpStatusCode.Unauthorized, OntapErrors.Unauthorized.Code);
        }
        var readOnly = await node.Client("monitor", ReadOnlyPassword).GetAsync("/metrics");
        Assert.Equal(readOnlyGets, readOnly.StatusCode);
        if (readOnlyGets == HttpStatusCode.Forbidden)
        {
            (await node.Client("monitor", ReadOnlyPassword).GetJsonAsync("/metrics")).AssertError(HttpStatusCode.Forbidden, OntapErrors.Forbidden.Code);
        }
        Assert.Contains("keyhold_store_commit_writes", await Prometheus.ScrapeAsync(node.Client()), StringComparison.Ordinal);
        // A wrong password is refused whatever the setting asks for.
        if (access != "anonymous")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.Client("admin", "not-the-password").GetAsync("/metrics")).StatusCode);
        }
    }

    [Fact]
    public async Task Requests_commits_and_failed_logins_are_counted()
    {
        using var node = new ObservedNode();
        using var admin = node.Client();
        (await admin.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        var before = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "http_server_request_duration_seconds_count",
            ("http_route", "/api/cluster/"), ("http_request_method", "GET"), ("http_response_status_code", "200")) is not null);
        var failures = Prometheus.Sample(before, "keyhold_auth_failures_total") ?? 0;
        var commits = Prometheus.Sample(before, "keyhold_store_commit_writes_count", ("store", "sqlite"), ("result", "success"));
        Assert.True(commits > 0, "start-up writes the store");
        Assert.True(Prometheus.Sample(before, "http_server_request_duration_seconds_count",
            ("http_route", "/api/cluster/"), ("http_request_method", "GET"), ("http_response_status_code", "200")) >= 1);

        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Client("admin", "wrong-password-1").GetAsync("/api/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Client("nobody", "wrong-password-2").GetAsync("/api/cluster")).StatusCode);
        await VolumeSetup.SvmAsync(admin);

        // A request is counted once its response is sent, so a scrape right after may come too early: retry.
        var after = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "http_server_request_duration_seconds_count",
            ("http_route", "/api/svm/svms/"), ("http_request_method", "POST"), ("http_response_status_code", "201")) == 1
            && Prometheus.Sample(t, "http_server_request_duration_seconds_count",
            ("http_route", "/api/cluster/"), ("http_request_method", "GET"), ("http_response_status_code", "401")) == 2);
        Assert.Equal(failures + 2, Prometheus.Sample(after, "keyhold_auth_failures_total"));
        Assert.True(Prometheus.Sample(after, "keyhold_store_commit_writes_count", ("store", "sqlite"), ("result", "success")) > commits);
        Assert.True(Prometheus.Sample(after, "keyhold_store_commit_duration_seconds_sum", ("store", "sqlite"), ("result", "success")) > 0);
        Assert.Equal(2, Prometheus.Sample(after, "http_server_request_duration_seconds_count",
            ("http_route", "/api/cluster/"), ("http_request_method", "GET"), ("http_response_status_code", "401")));
        Assert.Equal(1, Prometheus.Sample(after, "http_server_request_duration_seconds_count",
            ("http_route", "/api/svm/svms/"), ("http_request_method", "POST"), ("http_response_status_code", "201")));
        // Neither password nor user names of refused logins appear.
        Assert.DoesNotContain("wrong-password", after, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_count_moves_when_an_encrypted_volume_is_created()
    {
        using var node = new ObservedNode();
        using var admin = node.Client();
        var manager = await OnboardSetup.EnableAsync(admin);
        await VolumeSetup.SvmAsync(admin);
        var before = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "keyhold_keys", ("key_manager", manager)) is not null);
        var count = Prometheus.Sample(before, "keyhold_keys", ("key_manager", manager), ("kind", "onboard"));
        Assert.Equal(StoredKeys(node.DataDir, manager), count);

        await VolumeSetup.VolumeAsync(admin, "vol1");
        await VolumeSetup.VolumeAsync(admin, "vol2");

        var after = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "keyhold_keys", ("key_manager", manager)) == count + 2);
        Assert.Equal(count + 2, Prometheus.Sample(after, "keyhold_keys", ("key_manager", manager), ("kind", "onboard")));
        Assert.Equal(StoredKeys(node.DataDir, manager), count + 2);
    }

    private static long StoredKeys(string dataDir, string manager) =>
        (long)StoreProbe.Rows(dataDir, $"SELECT COUNT(*) FROM keys WHERE key_manager_uuid = '{manager}'")[0][0]!;

    /// <summary>Accounts have no REST endpoint yet: the test writes a readonly one straight into the store, as a host tool would.</summary>
    private static void AddReadOnlyAccount(string dataDir)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "keyhold.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO users (name, role, svm_uuid, password_hash) VALUES ('monitor', @role, NULL, @hash)";
        command.Parameters.AddWithValue("@role", Account.ReadOnly);
        command.Parameters.AddWithValue("@hash", PasswordHash.Create(ReadOnlyPassword));
        command.ExecuteNonQuery();
    }
}
