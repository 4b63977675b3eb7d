using System.Net;
using Keyhold.Tests.Keystores;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.MetroCluster;

/// <summary>
/// A partner that has only staged an onboard configuration (create_inactive, 9.16.1) has no onboard key manager: its
/// staged hierarchy is not adopted by a sync, and it does not stop this site enabling its own. Site A is a real process;
/// site B runs in-process.
/// </summary>
public sealed class MetroClusterInactivePartnerTests(MetroClusterInactivePartnerTests.SiteA site) : IClassFixture<MetroClusterInactivePartnerTests.SiteA>
{
    private const string Managers = "/api/security/key-managers";

    public sealed class SiteA : IAsyncLifetime
    {
        public KeyholdProcess Process { get; } = new();

        public async Task InitializeAsync()
        {
            using var client = Process.Client();
            await KeystoreSetup.InactiveAsync(client, new { onboard = new { passphrase = OnboardSetup.Passphrase } });
        }

        public Task DisposeAsync()
        {
            Process.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Synchronize_finds_no_onboard_key_manager_at_the_partner_65537245()
    {
        using var b = SiteB();

        (await b.Admin().PostJsonAsync(Managers, new { onboard = new { passphrase = OnboardSetup.Passphrase, synchronize = true } }))
            .AssertError(HttpStatusCode.BadRequest, "65537245", "Unable to sync/create Onboard Key Manager on the local cluster; Onboard Key Manager is not configured on the partner cluster.");
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "key_managers"));
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "onboard"));
    }

    [Fact]
    public async Task This_site_may_enable_its_own_onboard_key_manager()
    {
        using var b = SiteB();

        var uuid = await OnboardSetup.EnableAsync(b.Admin(), OnboardSetup.Other);

        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(b.DataDir)[uuid]);
    }

    /// <summary>Auth-keys of an external key manager need one at the partner too; a staged onboard one there is none.</summary>
    [SkippableFact]
    public async Task Auth_keys_of_an_external_key_manager_need_external_key_management_at_the_partner_65536896()
    {
        var partner = MetroClusterSites.PartnerOf(site.Process).ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value);
        using var b = new Keyhold.Tests.External.ExternalHost(settings: partner);
        var kmip = await b.CreateOnAsync(KmipPeers.A);

        (await b.Admin.PostJsonAsync($"{Managers}/{kmip}/auth-keys", new { key_tag = "ak1" }))
            .AssertError(HttpStatusCode.BadRequest, "65536896", "External key management is not configured on the partner site.");

        Assert.Equal(0, b.Count("keys"));
    }

    private KeyholdFactory SiteB()
    {
        var factory = new KeyholdFactory();
        MetroClusterSites.Apply(factory, MetroClusterSites.PartnerOf(site.Process));
        return factory;
    }
}
