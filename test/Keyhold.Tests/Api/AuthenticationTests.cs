using System.Net;
using Keyhold.Security;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api;

public sealed class AuthenticationTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task No_credentials_is_401_with_a_basic_challenge_and_the_error_envelope()
    {
        var result = await factory.CreateClient().GetJsonAsync("/api/security/key-managers");

        result.AssertStatus(HttpStatusCode.Unauthorized);
        Assert.Equal("Basic", result.Response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.NotNull(result.Body!["error"]!["code"]);
    }

    [Fact]
    public async Task Wrong_password_is_401_and_the_admin_password_is_stored_only_as_a_salted_hash()
    {
        (await factory.Client("admin", "not-the-password").GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        (await factory.Admin().GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);

        var hash = (string)StoreProbe.Rows(factory.DataDir, "SELECT password_hash FROM users WHERE name = 'admin'")[0][0]!;
        Assert.StartsWith("pbkdf2-sha256$", hash);
        Assert.DoesNotContain(KeyholdFactory.AdminPassword, hash);
    }

    [Fact]
    public async Task Readonly_accounts_may_read_but_not_write()
    {
        await TestAccounts.CreateAsync(factory.Admin(), "monitor", Account.ReadOnly, "dials-and-gauges-7");
        var client = factory.Client("monitor", "dials-and-gauges-7");

        (await client.GetJsonAsync("/api/security/key-managers")).AssertStatus(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = OnboardSetup.Passphrase } })).AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    public void Dispose() => factory.Dispose();
}
