using System.Net;

namespace Keyhold.Tests.Support;

/// <summary>Shortcuts for tests that need an onboard key manager to exist.</summary>
public static class OnboardSetup
{
    public const string Passphrase = "correct horse battery staple 0123456789";
    public const string Other = "another-passphrase-of-enough-length-42!";

    public static async Task<string> EnableAsync(HttpClient client, string passphrase = Passphrase)
    {
        var created = await client.PostJsonAsync("/api/security/key-managers?return_records=true", new { onboard = new { passphrase } });
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    public static async Task<string> BackupAsync(HttpClient client, string uuid)
    {
        var got = await client.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=onboard.key_backup");
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["onboard"]!["key_backup"]!.GetValue<string>();
    }
}
