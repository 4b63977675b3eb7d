using System.Net;
using Keyhold.Security;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Security;

/// <summary>ONTAP's certificate login over REST against a real `keyhold serve` (issue 10, scope 3).</summary>
public sealed class CertificateLoginTests
{
    [Fact]
    public async Task A_client_certificate_logs_in_the_account_its_common_name_names_when_it_chains_to_a_client_ca_and_the_account_allows_it()
    {
        using var keyhold = new KeyholdProcess();
        using var admin = keyhold.Client();
        using var pki = new TestPki("Client CA");
        using var stranger = new TestPki("Some other CA");
        await CertificateAccounts.InstallClientCaAsync(admin, pki);
        await CertificateAccounts.CreateAsync(admin, "automation", Account.Admin, "certificate");
        await CertificateAccounts.CreateAsync(admin, "passwords-only", Account.Admin, "password");

        using var good = keyhold.Client(null, null, certificate: CertificateAccounts.Leaf(pki, "automation"));
        (await good.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        (await good.PostJsonAsync("/api/svm/svms", new { name = "by-certificate" })).AssertStatus(HttpStatusCode.Created);
        Assert.Single((await admin.GetJsonAsync("/api/svm/svms?name=by-certificate")).Body!["records"]!.AsArray());
        var audited = await Eventually(() => admin.GetJsonAsync("/api/security/audit/messages?input=*by-certificate*&fields=user,location"));
        Assert.Equal("automation", audited["user"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", audited["location"]!.GetValue<string>());

        // Refused: another CA, an account without the certificate method, a name with no account, no certificate at all.
        foreach (var certificate in new[] { CertificateAccounts.Leaf(stranger, "automation"), CertificateAccounts.Leaf(pki, "passwords-only"), CertificateAccounts.Leaf(pki, "nobody") })
        {
            using var refused = keyhold.Client(null, null, certificate: certificate);
            (await refused.PostJsonAsync("/api/svm/svms", new { name = "refused" })).AssertError(HttpStatusCode.Unauthorized, "6");
        }
        using var anonymous = keyhold.Client(null, null);
        (await anonymous.GetJsonAsync("/api/cluster")).AssertError(HttpStatusCode.Unauthorized, "6");
        Assert.Empty((await admin.GetJsonAsync("/api/svm/svms?name=refused")).Body!["records"]!.AsArray());
    }

    [Fact]
    public async Task A_certificate_login_follows_the_account_and_the_installed_client_cas()
    {
        using var keyhold = new KeyholdProcess();
        using var admin = keyhold.Client();
        using var pki = new TestPki("Client CA");
        await CertificateAccounts.InstallClientCaAsync(admin, pki);
        await CertificateAccounts.CreateAsync(admin, "automation", Account.ReadOnly, "password", "certificate");

        using var client = keyhold.Client(null, null, certificate: CertificateAccounts.Leaf(pki, "automation"));
        (await client.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/svm/svms", new { name = "x" })).AssertError(HttpStatusCode.Forbidden, "6");

        var ca = (await admin.GetJsonAsync("/api/security/certificates?type=client_ca")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        (await admin.DeleteJsonAsync($"/api/security/certificates/{ca}")).AssertStatus(HttpStatusCode.OK);
        (await client.GetJsonAsync("/api/cluster")).AssertError(HttpStatusCode.Unauthorized, "6");
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> Eventually(Func<Task<(HttpStatusCode, System.Text.Json.Nodes.JsonNode?, HttpResponseMessage)>> get)
    {
        for (var i = 0; ; i++)
        {
            var (_, body, _) = await get();
            if (body?["records"]?.AsArray() is [var first, ..])
            {
                return first!;
            }
            Assert.True(i < 50, "no audit message arrived: " + body?.ToJsonString());
            await Task.Delay(100);
        }
    }
}
