using System.Net;
using Keyhold.Security;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Accounts;

/// <summary>/api/security/accounts through REST: what comes back, what is stored, ONTAP's error codes.</summary>
public sealed class AccountsApiTests : IDisposable
{
    private const string Password = "dials-and-gauges-7";
    private readonly KeyholdFactory factory = new();

    public void Dispose() => factory.Dispose();

    private string ClusterUuid => (string)StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM cluster")[0][0]!;

    private long Users => StoreProbe.Count(factory.DataDir, "users");

    private async Task CreateAsync(object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        (await factory.Admin().PostJsonAsync("/api/security/accounts", body)).AssertStatus(expected);

    [Fact]
    public async Task A_created_readonly_account_is_shown_as_ONTAP_shows_it_stored_as_a_hash_and_logs_in()
    {
        var created = await factory.Admin().PostJsonAsync("/api/security/accounts?return_records=true", new
        {
            name = "monitor",
            role = new { name = "readonly" },
            applications = new[] { new { application = "http", authentication_methods = new[] { "password" } } },
            password = Password,
            comment = "dashboards",
        });

        created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal($"/api/security/accounts/{ClusterUuid}/monitor", created.Response.Headers.Location!.OriginalString);
        var got = await factory.Admin().GetJsonAsync($"/api/security/accounts/{ClusterUuid}/monitor");
        got.AssertStatus(HttpStatusCode.OK);
        var record = got.Body!;
        Assert.Equal("monitor", record["name"]!.GetValue<string>());
        Assert.Equal(ClusterUuid, record["owner"]!["uuid"]!.GetValue<string>());
        Assert.Equal("cluster", record["scope"]!.GetValue<string>());
        Assert.Equal("readonly", record["role"]!["name"]!.GetValue<string>());
        Assert.Equal("http", record["applications"]![0]!["application"]!.GetValue<string>());
        Assert.Equal("password", record["applications"]![0]!["authentication_methods"]![0]!.GetValue<string>());
        Assert.False(record["locked"]!.GetValue<bool>());
        Assert.Equal("dashboards", record["comment"]!.GetValue<string>());
        Assert.Null(record["password"]);
        Assert.DoesNotContain(Password, got.Body!.ToJsonString() + created.Body?.ToJsonString());

        var row = Assert.Single(StoreProbe.Rows(factory.DataDir, "SELECT role, svm_uuid, password_hash, comment FROM users WHERE name = 'monitor'"));
        Assert.Equal("readonly", row[0]);
        Assert.Null(row[1]);
        Assert.StartsWith("pbkdf2-sha256$", (string)row[2]!);
        Assert.DoesNotContain(Password, System.Text.Encoding.UTF8.GetString(StoreProbe.AllBytes(factory.DataDir)));
        Assert.DoesNotContain(Password, factory.Logs.All);

        var monitor = factory.Client("monitor", Password);
        (await monitor.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        (await monitor.PostJsonAsync("/api/svm/svms", new { name = "svm1" })).AssertError(HttpStatusCode.Forbidden, "6");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "svms"));
    }

    [Fact]
    public async Task The_collection_returns_owner_and_name_by_default_and_filters_on_every_field()
    {
        await CreateAsync(new { name = "monitor", role = new { name = "readonly" }, password = Password });

        var list = await factory.Admin().GetJsonAsync("/api/security/accounts");
        list.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, list.Body!["num_records"]!.GetValue<int>());
        var first = list.Body["records"]![0]!.AsObject();
        Assert.Equal(["owner", "name", "_links"], first.Select(p => p.Key));
        Assert.Equal("admin", first["name"]!.GetValue<string>());
        Assert.Equal(ClusterUuid, first["owner"]!["uuid"]!.GetValue<string>());

        var readers = await factory.Admin().GetJsonAsync("/api/security/accounts?role.name=readonly&fields=role,locked,scope");
        var only = Assert.Single(readers.Body!["records"]!.AsArray());
        Assert.Equal("monitor", only!["name"]!.GetValue<string>());
        Assert.Equal("cluster", only["scope"]!.GetValue<string>());
        var byName = await factory.Admin().GetJsonAsync("/api/security/accounts?name=mon*&scope=cluster&locked=false&applications.application=http");
        Assert.Equal(1, byName.Body!["num_records"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("monitor", "readonly", "short1", "7077919", "password")]
    [InlineData("monitor", "readonly", "no-digits-here", "7077920", "password")]
    [InlineData("monitor", "readonly", "monitor-123456", "7077918", "password")]
    [InlineData("monitor", "superuser", Password, "1261215", "role.name")]
    [InlineData("monitor", "vsadmin", Password, "7077906", "role.name")]
    [InlineData("diag", "readonly", Password, "5636121", "name")]
    [InlineData("ab", "readonly", Password, "7077899", "name")]
    [InlineData("bad/name", "readonly", Password, "7077897", "name")]
    public async Task Bad_accounts_are_refused_with_ONTAPs_code_and_nothing_is_stored(string name, string role, string password, string code, string target)
    {
        var admin = factory.Admin(); // starts the node
        var before = Users;

        var result = await admin.PostJsonAsync("/api/security/accounts", new { name, role = new { name = role }, password });

        result.AssertError(HttpStatusCode.BadRequest, code, target: target);
        Assert.Equal(before, Users);
    }

    [Fact]
    public async Task A_duplicate_an_unknown_application_and_a_bad_method_are_refused()
    {
        await CreateAsync(new { name = "monitor", role = new { name = "readonly" }, password = Password });

        (await factory.Admin().PostJsonAsync("/api/security/accounts", new { name = "monitor", password = Password }))
            .AssertError(HttpStatusCode.Conflict, "5636096");
        (await factory.Admin().PostJsonAsync("/api/security/accounts", new { name = "other", password = Password, applications = new[] { new { application = "telnet", authentication_methods = new[] { "password" } } } }))
            .AssertError(HttpStatusCode.BadRequest, "5636178");
        (await factory.Admin().PostJsonAsync("/api/security/accounts", new { name = "other", password = Password, applications = new[] { new { application = "console", authentication_methods = new[] { "certificate" } } } }))
            .AssertError(HttpStatusCode.BadRequest, "5636176");
        (await factory.Admin().PostJsonAsync("/api/security/accounts", new { name = "other", locked = true }))
            .AssertError(HttpStatusCode.BadRequest, "1263343");
        (await factory.Admin().PostJsonAsync("/api/security/accounts", new { name = "other", scope = "svm" }))
            .AssertError(HttpStatusCode.BadRequest, "262196");
        Assert.Equal(2, Users);
    }

    [Fact]
    public async Task Dotted_keys_as_Ansible_sends_them_and_the_owner_by_name_create_an_SVM_account()
    {
        (await factory.Admin().PostJsonAsync("/api/svm/svms", new { name = "svm1" })).AssertStatus(HttpStatusCode.Created);
        var svm = (string)StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM svms")[0][0]!;

        await CreateAsync(new Dictionary<string, object> { ["name"] = "svm1admin", ["role.name"] = "vsadmin", ["owner.name"] = "svm1", ["password"] = Password });

        var got = await factory.Admin().GetJsonAsync($"/api/security/accounts/{svm}/svm1admin?fields=*");
        got.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("svm", got.Body!["scope"]!.GetValue<string>());
        Assert.Equal("svm1", got.Body["owner"]!["name"]!.GetValue<string>());
        Assert.Equal("vsadmin", got.Body["role"]!["name"]!.GetValue<string>());
        Assert.Equal(svm, StoreProbe.Rows(factory.DataDir, "SELECT svm_uuid FROM users WHERE name = 'svm1admin'")[0][0]);
        // The same name under the cluster's uuid does not exist.
        (await factory.Admin().GetJsonAsync($"/api/security/accounts/{ClusterUuid}/svm1admin")).AssertError(HttpStatusCode.NotFound, "4");
        // An SVM that owns accounts stays.
        (await factory.Admin().DeleteJsonAsync($"/api/svm/svms/{svm}")).AssertError(HttpStatusCode.BadRequest, "13434920");
    }

    [Fact]
    public async Task PATCH_changes_the_password_the_old_one_stops_at_once_and_the_same_one_is_refused()
    {
        await CreateAsync(new { name = "monitor", role = new { name = "readonly" }, password = Password });
        var old = factory.Client("monitor", Password);
        (await old.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK); // remembered by the node
        var hashBefore = StoreProbe.Rows(factory.DataDir, "SELECT password_hash FROM users WHERE name = 'monitor'")[0][0];

        (await factory.Admin().PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/monitor?name=monitor&owner.uuid={ClusterUuid}", new { password = "a-new-pass-22" }))
            .AssertStatus(HttpStatusCode.OK);

        (await old.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        (await factory.Client("monitor", "a-new-pass-22").GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        Assert.NotEqual(hashBefore, StoreProbe.Rows(factory.DataDir, "SELECT password_hash FROM users WHERE name = 'monitor'")[0][0]);
        (await factory.Admin().PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/monitor", new { password = "a-new-pass-22" }))
            .AssertError(HttpStatusCode.BadRequest, "7077925", "New password must be different than the old password.");
    }

    [Fact]
    public async Task Demoting_an_admin_takes_effect_on_its_next_request()
    {
        // Issue 10, row 5 (by demotion): the credential cache kept a demoted account's old role until restart.
        await CreateAsync(new { name = "ops", role = new { name = "admin" }, password = "steady-hands-42" });
        var ops = factory.Client("ops", "steady-hands-42");
        (await ops.PostJsonAsync("/api/svm/svms", new { name = "svm1" })).AssertStatus(HttpStatusCode.Created);

        (await factory.Admin().PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/ops", new { role = new { name = "readonly" } })).AssertStatus(HttpStatusCode.OK);

        (await ops.PostJsonAsync("/api/svm/svms", new { name = "svm2" })).AssertError(HttpStatusCode.Forbidden, "6");
        Assert.Equal(["svm1"], StoreProbe.Rows(factory.DataDir, "SELECT name FROM svms").Select(r => (string)r[0]!));
        Assert.Equal("readonly", StoreProbe.Rows(factory.DataDir, "SELECT role FROM users WHERE name = 'ops'")[0][0]);
        (await ops.GetJsonAsync("/api/svm/svms")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deleted_account_stops_at_once_and_an_admin_cannot_delete_or_lock_itself()
    {
        await CreateAsync(new { name = "ops", role = new { name = "admin" }, password = "steady-hands-42" });
        var ops = factory.Client("ops", "steady-hands-42");
        (await ops.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);

        (await ops.DeleteJsonAsync($"/api/security/accounts/{ClusterUuid}/ops")).AssertError(HttpStatusCode.BadRequest, "5636097");
        (await ops.PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/ops", new { locked = true })).AssertError(HttpStatusCode.BadRequest, "5636097");
        (await factory.Admin().DeleteJsonAsync($"/api/security/accounts/{ClusterUuid}/ops")).AssertStatus(HttpStatusCode.OK);

        (await ops.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Equal(1, Users);
        (await factory.Admin().DeleteJsonAsync($"/api/security/accounts/{ClusterUuid}/ops")).AssertError(HttpStatusCode.NotFound, "4");
    }

    [Fact]
    public async Task Readers_change_their_own_password_through_ONTAPs_endpoint_but_no_one_elses()
    {
        await CreateAsync(new { name = "monitor", role = new { name = "readonly" }, password = Password });
        var monitor = factory.Client("monitor", Password);
        var adminHash = StoreProbe.Rows(factory.DataDir, "SELECT password_hash FROM users WHERE name = 'admin'")[0][0];

        (await monitor.PostJsonAsync("/api/security/authentication/password", new { name = "admin", password = "taken-over-1" }))
            .AssertError(HttpStatusCode.Forbidden, "6");
        (await monitor.PostJsonAsync("/api/security/authentication/password", new { name = "monitor", password = "short" }))
            .AssertError(HttpStatusCode.BadRequest, "7077919");
        var changed = await monitor.PostJsonAsync("/api/security/authentication/password", new { name = "monitor", password = "next-dials-2" });

        changed.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(adminHash, StoreProbe.Rows(factory.DataDir, "SELECT password_hash FROM users WHERE name = 'admin'")[0][0]);
        (await factory.Client("monitor", "next-dials-2").GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        (await monitor.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        // The cluster admin may set anyone's.
        (await factory.Admin().PostJsonAsync("/api/security/authentication/password", new { name = "monitor", password = "set-by-admin-3" }))
            .AssertStatus(HttpStatusCode.Created);
        (await factory.Client("monitor", "set-by-admin-3").GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readers_may_not_create_change_or_delete_accounts()
    {
        await TestAccounts.CreateAsync(factory.Admin(), "monitor", Account.ReadOnly, Password);
        var monitor = factory.Client("monitor", Password);

        (await monitor.PostJsonAsync("/api/security/accounts", new { name = "mine", password = Password })).AssertError(HttpStatusCode.Forbidden, "6");
        (await monitor.PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/monitor", new { role = new { name = "admin" } })).AssertError(HttpStatusCode.Forbidden, "6");
        (await monitor.DeleteJsonAsync($"/api/security/accounts/{ClusterUuid}/admin")).AssertError(HttpStatusCode.Forbidden, "6");

        Assert.Equal([["admin", "admin"], ["monitor", "readonly"]], StoreProbe.Rows(factory.DataDir, "SELECT name, role FROM users ORDER BY name"));
    }

    [Fact]
    public async Task A_certificate_only_account_cannot_log_in_with_a_password()
    {
        await CreateAsync(new
        {
            name = "robot",
            role = new { name = "readonly" },
            applications = new[] { new { application = "http", authentication_methods = new[] { "certificate" } } },
        });

        Assert.Equal("", StoreProbe.Rows(factory.DataDir, "SELECT password_hash FROM users WHERE name = 'robot'")[0][0]);
        (await factory.Client("robot", "").GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        (await factory.Admin().PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/robot", new { locked = true })).AssertError(HttpStatusCode.BadRequest, "1263343");
    }
}
