using System.Net;
using Keyhold.Security;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Accounts;

/// <summary>
/// Issue 10, row 4: readonly could read onboard.key_backup and guess the passphrase offline. Keyhold's choice: only the
/// cluster admin role receives it, and never into a cache.
/// </summary>
public sealed class KeyBackupByRoleTests : IDisposable
{
    private const string ReaderPassword = "dials-and-gauges-7";
    private readonly KeyholdFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Readonly_never_receives_the_key_backup_and_the_admin_receives_it_with_no_store()
    {
        var admin = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(admin);
        await TestAccounts.CreateAsync(admin, "monitor", Account.ReadOnly, ReaderPassword);
        var reader = factory.Client("monitor", ReaderPassword);

        foreach (var url in new[]
        {
            $"/api/security/key-managers/{uuid}?fields=onboard.key_backup",
            $"/api/security/key-managers/{uuid}?fields=**",
            "/api/security/key-managers?fields=onboard.key_backup",
            "/api/security/key-managers?fields=**",
            "/api/security/key-managers?onboard.key_backup=*BEGIN*&fields=uuid",
        })
        {
            var got = await reader.GetJsonAsync(url);
            got.AssertStatus(HttpStatusCode.OK);
            var records = got.Body!["records"]?.AsArray().Select(r => r!) ?? [got.Body];
            Assert.All(records, r => Assert.Null(r["onboard"]?["key_backup"]));
            Assert.DoesNotContain("BEGIN BACKUP", got.Body.ToJsonString());
            Assert.False(got.Response.Headers.CacheControl?.NoStore == true);
        }
        var filtered = await reader.GetJsonAsync("/api/security/key-managers?onboard.key_backup=*BEGIN*");
        Assert.Equal(0, filtered.Body!["num_records"]!.GetValue<int>()); // a filter cannot probe it either

        var mine = await admin.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=onboard.key_backup");
        mine.AssertStatus(HttpStatusCode.OK);
        Assert.Contains("BEGIN BACKUP", mine.Body!["onboard"]!["key_backup"]!.GetValue<string>());
        Assert.True(mine.Response.Headers.CacheControl!.NoStore);
        var listed = await admin.GetJsonAsync("/api/security/key-managers?fields=onboard.key_backup");
        Assert.Contains("BEGIN BACKUP", listed.Body!["records"]![0]!["onboard"]!["key_backup"]!.GetValue<string>());
        Assert.True(listed.Response.Headers.CacheControl!.NoStore);
    }
}
