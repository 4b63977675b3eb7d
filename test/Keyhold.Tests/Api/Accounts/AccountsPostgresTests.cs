using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Accounts;

/// <summary>The accounts' SQL (owner columns, lock updates, failure counts, the SVM scope) on PostgreSQL.</summary>
public sealed class AccountsPostgresTests
{
    private const string Password = "dials-and-gauges-7";

    [SkippableFact]
    public async Task Accounts_filter_lock_unlock_and_stay_in_their_SVM_on_postgres()
    {
        using var database = PostgresDatabase.Create();
        using var factory = new KeyholdFactory(postgres: database.ConnectionString);
        factory.Settings["Keyhold:Login:MaxFailedAttempts"] = "5";
        var admin = factory.Admin();
        (await admin.PostJsonAsync("/api/svm/svms", new { name = "svm1" })).AssertStatus(HttpStatusCode.Created);
        (await admin.PostJsonAsync("/api/security/accounts", new { name = "monitor", role = new { name = "readonly" }, password = Password })).AssertStatus(HttpStatusCode.Created);
        (await admin.PostJsonAsync("/api/security/accounts", new Dictionary<string, object> { ["name"] = "tenant", ["owner.name"] = "svm1", ["role.name"] = "vsadmin", ["password"] = Password }))
            .AssertStatus(HttpStatusCode.Created);
        var cluster = (string)database.Rows("SELECT uuid FROM cluster")[0][0]!;

        var svmAccounts = await admin.GetJsonAsync("/api/security/accounts?scope=svm&owner.name=svm1&order_by=name desc");
        Assert.Equal("tenant", Assert.Single(svmAccounts.Body!["records"]!.AsArray())!["name"]!.GetValue<string>());
        var clusterAccounts = await admin.GetJsonAsync($"/api/security/accounts?owner.uuid={cluster}&fields=role");
        Assert.Equal(2, clusterAccounts.Body!["num_records"]!.GetValue<int>());

        for (var i = 0; i < 5; i++)
        {
            (await factory.Client("monitor", "wrong-" + i).GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        }
        Assert.NotNull(database.Rows("SELECT locked_until FROM users WHERE name = 'monitor'")[0][0]);
        (await admin.PatchJsonAsync($"/api/security/accounts/{cluster}/monitor", new { locked = false, comment = "unlocked" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([0, null, 0, "unlocked"], database.Rows("SELECT failed_logins, locked_until, admin_locked, comment FROM users WHERE name = 'monitor'")[0]);
        (await factory.Client("monitor", Password).GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);

        var tenant = await factory.Client("tenant", Password).GetJsonAsync("/api/security/accounts");
        Assert.Equal("tenant", Assert.Single(tenant.Body!["records"]!.AsArray())!["name"]!.GetValue<string>());
    }
}
