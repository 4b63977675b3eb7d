using System.Net;
using Keyhold.Tests.MetroCluster;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagerConfigs;

/// <summary>What Common Criteria mode changes (docs/key-manager-configs.md): 64-character passphrases, and no MetroCluster sync.</summary>
public sealed class CommonCriteriaModeTests
{
    [Fact]
    public async Task In_common_criteria_mode_a_new_passphrase_has_64_to_256_characters_65536802()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        var okm = await OnboardSetup.EnableAsync(admin, ConfigSetup.CcPassphrase);
        await TurnOnAsync(admin);
        var before = StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root FROM onboard").Single()[0];

        (await admin.PatchJsonAsync($"/api/security/key-managers/{okm}", new { onboard = new { existing_passphrase = ConfigSetup.CcPassphrase, passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65536802", "The passphrase does not match the accepted length in common criteria mode.", "onboard.passphrase");
        Assert.Equal(before, StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root FROM onboard").Single()[0]);

        var longer = ConfigSetup.CcPassphrase + " and more";
        (await admin.PatchJsonAsync($"/api/security/key-managers/{okm}", new { onboard = new { existing_passphrase = ConfigSetup.CcPassphrase, passphrase = longer } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.NotEqual(before, StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root FROM onboard").Single()[0]);

        // Turned off, the ordinary 32-character rule applies again.
        (await admin.PatchJsonAsync(ConfigSetup.Path, """{"cc_mode_enabled":"false"}""")).AssertStatus(HttpStatusCode.OK);
        (await admin.PatchJsonAsync($"/api/security/key-managers/{okm}", new { onboard = new { existing_passphrase = longer, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_common_criteria_mode_a_metrocluster_site_may_not_sync_65536807()
    {
        var data = TempDir.Create();
        string okm;
        using (var plain = new KeyholdFactory(data))
        {
            okm = await OnboardSetup.EnableAsync(plain.Admin(), ConfigSetup.CcPassphrase);
            await TurnOnAsync(plain.Admin());
        }
        var pem = Path.Combine(TempDir.Create(), "partner.crt");
        using (var pki = new TestPki())
        {
            File.WriteAllText(pem, pki.CaPem);
        }
        // Restarted as a MetroCluster site; the partner is never asked (the refusal comes first).
        using var site = new KeyholdFactory(data);
        MetroClusterSites.Apply(site, MetroClusterSites.PartnerOf("https://127.0.0.1:1", pem, "partner-password"));
        var admin = site.Admin();
        var seals = StoreProbe.Count(data, "root_key_seals");

        (await admin.PatchJsonAsync($"/api/security/key-managers/{okm}", new { onboard = new { synchronize = true, existing_passphrase = ConfigSetup.CcPassphrase } }))
            .AssertError(HttpStatusCode.BadRequest, "65536807", "MetroCluster cannot be configured while in Common Criteria mode.");
        Assert.Equal(seals, StoreProbe.Count(data, "root_key_seals"));

        (await admin.DeleteJsonAsync($"/api/security/key-managers/{okm}")).AssertStatus(HttpStatusCode.OK);
        (await admin.PostJsonAsync("/api/security/key-managers", new { onboard = new { synchronize = true, passphrase = ConfigSetup.CcPassphrase } }))
            .AssertError(HttpStatusCode.BadRequest, "65536807");
        Assert.Equal(0, StoreProbe.Count(data, "key_managers"));
    }

    private static async Task TurnOnAsync(HttpClient admin) =>
        (await admin.PatchJsonAsync(ConfigSetup.Path, new { cc_mode_enabled = true, passphrase = ConfigSetup.CcPassphrase })).AssertStatus(HttpStatusCode.OK);
}
