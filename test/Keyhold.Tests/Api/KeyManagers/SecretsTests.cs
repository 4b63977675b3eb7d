using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

public sealed class SecretsTests
{
    [Fact]
    public async Task No_passphrase_appears_in_any_log_line_response_or_stored_file_over_a_whole_scenario()
    {
        const string first = "SECRET-first-passphrase-0123456789-abcdef";
        const string second = "SECRET-second-passphrase-0123456789-ghijk";
        const string wrong = "SECRET-wrong-passphrase-0123456789-lmnopq";
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var bodies = new List<string?>();

        var uuid = await OnboardSetup.EnableAsync(client, first);
        var url = $"/api/security/key-managers/{uuid}";
        foreach (var result in new[]
        {
            await client.PatchJsonAsync(url, new { onboard = new { existing_passphrase = wrong, passphrase = second } }),
            await client.PatchJsonAsync(url, new { onboard = new { existing_passphrase = first, passphrase = first } }),
            await client.PatchJsonAsync(url, new { onboard = new { existing_passphrase = first, passphrase = second } }),
            await client.PatchJsonAsync(url, new { onboard = new { existing_passphrase = second, synchronize = true } }),
            await client.PatchJsonAsync(url, new { onboard = new { existing_passphrase = second, passphrase = "SECRET-short" } }),
            await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = first } }),
            await client.PostJsonAsync("/api/security/key-managers", "{\"onboard\":{\"passphrase\":\"SECRET-broken-json"),
            await client.GetJsonAsync("/api/security/key-managers?fields=**"),
            await client.GetJsonAsync(url + "?fields=**"),
        })
        {
            bodies.Add(result.Body?.ToJsonString());
        }
        (await client.DeleteJsonAsync(url)).AssertStatus(HttpStatusCode.OK);

        var everything = string.Join('\n', bodies) + factory.Logs.All + System.Text.Encoding.Latin1.GetString(StoreProbe.AllBytes(factory.DataDir));
        Assert.NotEmpty(factory.Logs.Lines);
        Assert.DoesNotContain("SECRET", everything);
    }
}
