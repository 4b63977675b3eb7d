using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage;

/// <summary>The same API, on the shared PostgreSQL store that several nodes use as one cluster.</summary>
public sealed class PostgresStoreTests
{
    [SkippableFact]
    public async Task Onboard_lifecycle_svm_paging_and_a_second_node_work_on_postgres()
    {
        using var database = StoreFixtures.Postgres();
        string uuid;
        using (var first = new KeyholdFactory(postgres: database.ConnectionString, nodeName: "pg-a"))
        {
            var a = first.Admin();
            uuid = await OnboardSetup.EnableAsync(a);
            (await a.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
                .AssertStatus(HttpStatusCode.OK);
            (await a.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
                .AssertError(HttpStatusCode.BadRequest, "65536139");
            for (var i = 0; i < 12; i++)
            {
                (await a.PostJsonAsync("/api/svm/svms", new { name = $"vs{i:D2}", state = i % 3 == 0 ? "stopped" : "running" })).AssertStatus(HttpStatusCode.Created);
            }
            var page = await a.GetJsonAsync("/api/svm/svms?name=VS0*&state=!stopped&order_by=name%20desc&max_records=3&fields=state");
            Assert.Equal(["vs08", "vs07", "vs05"], page.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
            var next = await a.GetJsonAsync(page.Body["_links"]!["next"]!["href"]!.GetValue<string>());
            Assert.Equal(["vs04", "vs02", "vs01"], next.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        }
        Assert.Single(database.Rows("SELECT uuid FROM key_managers"));
        Assert.Equal(12L, database.Rows("SELECT COUNT(*) FROM svms")[0][0]);

        using var second = new KeyholdFactory(postgres: database.ConnectionString, nodeName: "pg-b");
        var b = second.Admin();
        Assert.Equal(2, (await b.GetJsonAsync("/api/cluster/nodes")).Body!["num_records"]!.GetValue<int>());
        Assert.Equal(65537201, (await b.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=status")).Body!["status"]!["code"]!.GetValue<long>());
        (await b.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, (await b.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=status")).Body!["status"]!["code"]!.GetValue<long>());
        Assert.Equal(2L, database.Rows("SELECT COUNT(*) FROM root_key_seals")[0][0]);
    }
}
