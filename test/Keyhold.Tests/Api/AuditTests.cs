using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

public sealed class AuditTests
{
    [Fact]
    public async Task Every_change_is_audited_with_its_outcome_and_without_its_body()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = "short" } })).AssertStatus(HttpStatusCode.BadRequest);
        (await client.GetJsonAsync("/api/security/key-managers")).AssertStatus(HttpStatusCode.OK);

        var rows = StoreProbe.Rows(factory.DataDir, "SELECT user_name, method, path, status FROM audit ORDER BY time");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["admin", "POST", "/api/security/key-managers", 201L], rows[0]);
        Assert.Equal(["admin", "POST", "/api/security/key-managers", 400L], rows[1]);
        Assert.DoesNotContain(OnboardSetup.Passphrase, string.Join('|', rows.SelectMany(r => r)));
    }
}
