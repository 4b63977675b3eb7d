using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.MetroCluster;

/// <summary>
/// Issue 12 scope 5: what a MetroCluster partner that cannot be trusted or reached, or that holds another hierarchy,
/// does to the onboard sync. Site A is a real process with the onboard key manager; site B runs in-process.
/// </summary>
public sealed class MetroClusterPartnerErrorTests(MetroClusterPartnerErrorTests.SiteA site) : IClassFixture<MetroClusterPartnerErrorTests.SiteA>
{
    private const string Managers = "/api/security/key-managers";

    private static readonly object Sync = new { onboard = new { passphrase = OnboardSetup.Passphrase, synchronize = true } };

    public sealed class SiteA : IAsyncLifetime
    {
        public KeyholdProcess Process { get; } = new();

        public async Task InitializeAsync()
        {
            using var client = Process.Client();
            await OnboardSetup.EnableAsync(client);
        }

        public Task DisposeAsync()
        {
            Process.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_partner_that_does_not_answer_is_unhealthy_65536310()
    {
        var closed = $"https://127.0.0.1:{KeyholdProcess.FreePort()}";
        using var b = SiteB(MetroClusterSites.PartnerOf(closed, Path.Combine(site.Process.DataDir, "tls.crt"), KeyholdFactory.AdminPassword));

        (await b.Admin().PostJsonAsync(Managers, Sync)).AssertError(HttpStatusCode.BadRequest, "65536310",
            "Failed to setup onboard key management because the MetroCluster peer is unhealthy.");
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "key_managers"));
    }

    /// <summary>The partner's hierarchy crosses only to a partner whose certificate this site was told to trust.</summary>
    [Fact]
    public async Task A_partner_presenting_another_certificate_is_not_trusted()
    {
        using var pki = new TestPki("Not the partner");
        var other = Path.Combine(TempDir.Create(), "other.crt");
        await File.WriteAllTextAsync(other, pki.CaPem);
        using var b = SiteB(MetroClusterSites.PartnerOf(site.Process.Url, other, KeyholdFactory.AdminPassword));

        (await b.Admin().PostJsonAsync(Managers, Sync)).AssertError(HttpStatusCode.BadRequest, "65536310");
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "key_managers"));
        Assert.Contains(b.Logs.Lines, m => m.Contains("unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_partner_refusing_the_account_is_unhealthy_and_the_password_is_not_logged()
    {
        const string wrong = "not-the-partner-admin-password";
        using var b = SiteB(MetroClusterSites.PartnerOf(site.Process.Url, Path.Combine(site.Process.DataDir, "tls.crt"), wrong));

        (await b.Admin().PostJsonAsync(Managers, Sync)).AssertError(HttpStatusCode.BadRequest, "65536310");
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "key_managers"));
        Assert.Contains(b.Logs.Lines, m => m.Contains("answered 401", StringComparison.Ordinal));
        Assert.DoesNotContain(b.Logs.Lines, m => m.Contains(wrong, StringComparison.Ordinal));
    }

    [Fact]
    public async Task External_key_management_is_refused_while_the_partner_has_onboard_65536895()
    {
        using var b = SiteB(MetroClusterSites.PartnerOf(site.Process));
        var body = new
        {
            external = new
            {
                client_certificate = new { name = "client" },
                server_ca_certificates = new[] { new { name = "ca" } },
                servers = new[] { new { server = "127.0.0.1:5696" } },
            },
        };

        (await b.Admin().PostJsonAsync(Managers, body)).AssertError(HttpStatusCode.BadRequest, "65536895");
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "key_managers"));
    }

    /// <summary>A site that enabled its own hierarchy before it became a partner cannot adopt the partner's: 65537244.</summary>
    [Fact]
    public async Task Patch_synchronize_against_a_partner_with_another_root_key_is_65537244()
    {
        var dataDir = TempDir.Create();
        string uuid;
        using (var alone = new KeyholdFactory(dataDir))
        {
            uuid = await OnboardSetup.EnableAsync(alone.Admin());
        }
        var before = StoreProbe.Rows(dataDir, "SELECT wrapped_root FROM onboard").Single()[0];
        using var b = SiteB(MetroClusterSites.PartnerOf(site.Process), dataDir);

        (await b.Admin().PatchJsonAsync($"{Managers}/{uuid}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, synchronize = true } }))
            .AssertError(HttpStatusCode.BadRequest, "65537244");
        Assert.Equal(before, StoreProbe.Rows(dataDir, "SELECT wrapped_root FROM onboard").Single()[0]);
    }

    [Fact]
    public void A_partner_setting_without_https_stops_the_start()
    {
        var settings = MetroClusterSites.PartnerOf(site.Process);
        settings["Keyhold__MetroCluster__Partner"] = site.Process.Url.Replace("https", "http", StringComparison.Ordinal);
        using var b = SiteB(settings);

        var error = Assert.ThrowsAny<Exception>(() => b.Admin());
        Assert.Contains("MetroCluster", error.ToString(), StringComparison.Ordinal);
    }

    private static KeyholdFactory SiteB(Dictionary<string, string> partner, string? dataDir = null)
    {
        var factory = new KeyholdFactory(dataDir);
        MetroClusterSites.Apply(factory, partner);
        return factory;
    }
}
