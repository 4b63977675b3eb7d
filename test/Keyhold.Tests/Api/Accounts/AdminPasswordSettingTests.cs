using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Accounts;

/// <summary>KEYHOLD_ADMIN_PASSWORD counts on the first start only; later it is ignored, and one log line says so.</summary>
public sealed class AdminPasswordSettingTests
{
    [Fact]
    public async Task A_restart_with_the_setting_logs_one_line_that_it_is_ignored_without_the_password()
    {
        var dataDir = TempDir.Create();
        using (var first = new KeyholdFactory(dataDir))
        {
            (await first.Admin().GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
            Assert.DoesNotContain("is ignored", first.Logs.All);
            (await first.Admin().PostJsonAsync("/api/security/authentication/password", new { name = "admin", password = "changed-root-9" }))
                .AssertStatus(HttpStatusCode.Created);
        }

        using var restarted = new KeyholdFactory(dataDir); // configured with KeyholdFactory.AdminPassword again

        (await restarted.Client("admin", "changed-root-9").GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        (await restarted.Admin().GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        var line = Assert.Single(restarted.Logs.Lines, l => l.Contains("KEYHOLD_ADMIN_PASSWORD is ignored", StringComparison.Ordinal));
        Assert.Contains("keyhold host reset-password", line);
        Assert.DoesNotContain(KeyholdFactory.AdminPassword, restarted.Logs.All);
    }
}
