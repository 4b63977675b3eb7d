using System.Net;
using Keyhold.Security;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

public sealed class AuditTests
{
    private static async Task<List<object?[]>> MessagesAsync(KeyholdFactory factory, string columns = "user_name, input, state")
    {
        await factory.Service<AuditLog>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        return StoreProbe.Rows(factory.DataDir, $"SELECT {columns} FROM audit_messages ORDER BY timestamp, idx");
    }

    [Fact]
    public async Task Every_change_is_audited_with_its_outcome_and_its_body_without_secrets()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = "short" } })).AssertStatus(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync("/api/svm/svms", new { name = "svm1" })).AssertStatus(HttpStatusCode.Created);
        (await client.GetJsonAsync("/api/security/key-managers")).AssertStatus(HttpStatusCode.OK);

        var rows = await MessagesAsync(factory);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["admin", "POST /api/security/key-managers?return_records=true : {\"onboard\":{\"passphrase\":\"***\"}}", "success"], rows[0]);
        Assert.Equal(["admin", "POST /api/security/key-managers : {\"onboard\":{\"passphrase\":\"***\"}}", "error"], rows[1]);
        Assert.Equal(["admin", "POST /api/svm/svms : {\"name\":\"svm1\"}", "success"], rows[2]);
        Assert.DoesNotContain(OnboardSetup.Passphrase, string.Join('|', rows.SelectMany(r => r)));
    }

    [Fact]
    public async Task Audit_messages_are_served_as_ontap_has_them_with_filters_and_paging()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostJsonAsync("/api/svm/svms", new { name = $"svm{i}" })).AssertStatus(HttpStatusCode.Created);
        }
        (await client.PostJsonAsync("/api/svm/svms", new { name = "svm0" })).AssertStatus(HttpStatusCode.Conflict);
        await MessagesAsync(factory);

        var all = await client.GetJsonAsync("/api/security/audit/messages");
        all.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(4, all.Body!["num_records"]!.GetValue<int>());
        var first = all.Body["records"]![0]!;
        Assert.Equal("admin", first["user"]!.GetValue<string>());
        Assert.Equal("http", first["application"]!.GetValue<string>());
        Assert.Equal("cluster", first["scope"]!.GetValue<string>());
        Assert.Equal("success", first["state"]!.GetValue<string>());
        Assert.Equal("POST /api/svm/svms : {\"name\":\"svm0\"}", first["input"]!.GetValue<string>());
        Assert.NotNull(first["node"]!["uuid"]);
        Assert.NotNull(first["node"]!["name"]);
        Assert.True(first["index"]!.GetValue<long>() > 0);
        Assert.NotNull(first["timestamp"]);

        var errors = await client.GetJsonAsync("/api/security/audit/messages?state=error&fields=input");
        Assert.Equal(1, errors.Body!["num_records"]!.GetValue<int>());
        Assert.Contains("svm0", errors.Body["records"]![0]!["input"]!.GetValue<string>());

        var page = await client.GetJsonAsync("/api/security/audit/messages?max_records=3&order_by=timestamp%20desc");
        Assert.Equal(3, page.Body!["num_records"]!.GetValue<int>());
        var next = page.Body["_links"]!["next"]!["href"]!.GetValue<string>();
        var rest = await client.GetJsonAsync(next);
        Assert.Equal(1, rest.Body!["num_records"]!.GetValue<int>());
        Assert.Equal("POST /api/svm/svms : {\"name\":\"svm0\"}", rest.Body["records"]![0]!["input"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_cluster_administrators_read_the_audit()
    {
        using var factory = new KeyholdFactory();
        await TestAccounts.CreateAsync(factory.Admin(), "monitor", Account.ReadOnly, "dials-and-gauges-7");
        (await factory.Client("monitor", "dials-and-gauges-7").GetJsonAsync("/api/security/audit/messages")).AssertError(HttpStatusCode.Forbidden, "6");
    }

    [Fact]
    public async Task Refused_requests_are_counted_not_written_one_by_one()
    {
        using var factory = new KeyholdFactory();
        var stranger = factory.Client("admin", "wrong-password");
        for (var i = 0; i < 20; i++)
        {
            var refused = await stranger.PostJsonAsync("/api/svm/svms", new { name = "x" });
            Assert.Contains(refused.Status, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
        }
        var anonymous = factory.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            (await anonymous.DeleteJsonAsync("/api/svm/svms/" + Guid.NewGuid())).AssertStatus(HttpStatusCode.Unauthorized);
        }

        Assert.Empty(await MessagesAsync(factory));
        Assert.True(!factory.Logs.Lines.Any(l => l.Contains("/api/svm/svms", StringComparison.Ordinal)), factory.Logs.All);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "svms"));
    }

    [Fact]
    public async Task The_audit_settings_singleton_turns_auditing_of_gets_on_and_off()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var initial = await client.GetJsonAsync("/api/security/audit");
        initial.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("{\"cli\":false,\"http\":false,\"ontapi\":false,\"_links\":{\"self\":{\"href\":\"/api/security/audit\"}}}", initial.Body!.ToJsonString());
        (await client.GetJsonAsync("/api/svm/svms")).AssertStatus(HttpStatusCode.OK);

        var changed = await client.PatchJsonAsync("/api/security/audit", new { http = true });
        changed.AssertStatus(HttpStatusCode.OK);
        Assert.True(changed.Body!["http"]!.GetValue<bool>());
        Assert.False(changed.Body["cli"]!.GetValue<bool>());
        (await client.GetJsonAsync("/api/svm/svms?name=audited")).AssertStatus(HttpStatusCode.OK);
        (await client.PatchJsonAsync("/api/security/audit", new { http = "maybe" })).AssertError(HttpStatusCode.BadRequest, "262197");
        (await client.PatchJsonAsync("/api/security/audit", new { snmp_typo = true })).AssertError(HttpStatusCode.BadRequest, "262179");
        Assert.True((await client.GetJsonAsync("/api/security/audit?fields=http")).Body!["http"]!.GetValue<bool>());

        var rows = (await MessagesAsync(factory)).Select(r => (string)r[1]!).ToList();
        Assert.DoesNotContain("GET /api/svm/svms", rows);
        Assert.Contains("GET /api/svm/svms?name=audited", rows);
        Assert.Contains("PATCH /api/security/audit : {\"http\":true}", rows);
        Assert.Equal([1L, 1L, 0L, 0L], StoreProbe.Rows(factory.DataDir, "SELECT id, http, cli, ontapi FROM audit_settings")[0]);

        await TestAccounts.CreateAsync(factory.Admin(), "monitor", Account.ReadOnly, "dials-and-gauges-7");
        (await factory.Client("monitor", "dials-and-gauges-7").PatchJsonAsync("/api/security/audit", new { http = false })).AssertError(HttpStatusCode.Forbidden, "6");
        Assert.True((await client.GetJsonAsync("/api/security/audit")).Body!["http"]!.GetValue<bool>());
    }
}
