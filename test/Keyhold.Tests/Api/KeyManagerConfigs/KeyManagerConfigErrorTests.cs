using System.Net;
using Keyhold.Tests.MetroCluster;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagerConfigs;

/// <summary>Every PATCH error of ONTAP's table that Keyhold can meet, each with nothing changed, and the success each guards.</summary>
public sealed class KeyManagerConfigErrorTests
{
    private const string TurnOn = """{"cc_mode_enabled":true}""";

    private static string TurnOnWith(string passphrase) =>
        new System.Text.Json.Nodes.JsonObject { ["cc_mode_enabled"] = "true", ["passphrase"] = passphrase }.ToJsonString();

    [Fact]
    public async Task Common_criteria_mode_needs_the_passphrase_65537302_of_64_to_256_characters_65536806_and_the_onboard_key_manager_65537301()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();

        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOn))
            .AssertError(HttpStatusCode.BadRequest, "65537302", "The passphrase field is required when changing cc_mode_enabled to true.", "passphrase");
        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(OnboardSetup.Passphrase)))
            .AssertError(HttpStatusCode.BadRequest, "65536806", "Passphrase length error.", "passphrase");
        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(new string('x', 257))))
            .AssertError(HttpStatusCode.BadRequest, "65536806", target: "passphrase");
        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(ConfigSetup.CcPassphrase)))
            .AssertError(HttpStatusCode.BadRequest, "65537301", "The Onboard Key Manager is not enabled.");

        Assert.Null(ConfigSetup.Row(factory.DataDir));
        Assert.False((await admin.GetJsonAsync(ConfigSetup.Path)).Body!["cc_mode_enabled"]!.GetValue<bool>());
        Assert.DoesNotContain(ConfigSetup.CcPassphrase, factory.Logs.All);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_65536139_and_the_right_one_turns_the_mode_on_without_keeping_it()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        await OnboardSetup.EnableAsync(admin, ConfigSetup.CcPassphrase);

        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(Wrong)))
            .AssertError(HttpStatusCode.BadRequest, "65536139", "Cluster-wide passphrase is incorrect.", "passphrase");
        Assert.Null(ConfigSetup.Row(factory.DataDir));

        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(ConfigSetup.CcPassphrase))).AssertStatus(HttpStatusCode.OK);

        Assert.True((await admin.GetJsonAsync(ConfigSetup.Path)).Body!["cc_mode_enabled"]!.GetValue<bool>());
        var row = ConfigSetup.Row(factory.DataDir)!;
        Assert.Equal(1L, Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(ConfigSetup.CcPassphrase, string.Join('|', row));
        Assert.DoesNotContain(ConfigSetup.CcPassphrase, factory.Logs.All);
        Assert.DoesNotContain(ConfigSetup.CcPassphrase, System.Text.Encoding.Latin1.GetString(StoreProbe.AllBytes(factory.DataDir)));
    }

    [Fact]
    public async Task Guesses_share_the_onboard_passphrase_budget_and_a_client_over_it_is_refused_before_the_kdf()
    {
        using var factory = new KeyholdFactory
        {
            Settings = { ["Keyhold:PassphraseAttempts:BaseDelay"] = "00:10:00", ["Keyhold:PassphraseAttempts:MaxDelay"] = "00:20:00" },
        };
        var admin = factory.Admin();
        var okm = await OnboardSetup.EnableAsync(admin, ConfigSetup.CcPassphrase);

        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(Wrong))).AssertError(HttpStatusCode.BadRequest, "65536139");
        (await admin.PatchJsonAsync($"/api/security/key-managers/{okm}", new { onboard = new { existing_passphrase = Wrong, passphrase = Wrong + "!" } }))
            .AssertError(HttpStatusCode.BadRequest, "65536139");
        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(Wrong))).AssertError(HttpStatusCode.BadRequest, "65536139");

        // The fourth, even with the right passphrase, waits: three free failures, then a delay (ten minutes here).
        (await admin.PatchJsonAsync(ConfigSetup.Path, TurnOnWith(ConfigSetup.CcPassphrase))).AssertError((HttpStatusCode)429, "65536139");
        Assert.Null(ConfigSetup.Row(factory.DataDir));
    }

    private static readonly string Wrong = ConfigSetup.CcPassphrase.Replace('c', 'd');

    [Fact]
    public async Task The_polling_interval_needs_an_external_key_manager_65537304()
    {
        using var fake = ConfigSetup.Fake();
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();

        (await admin.PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_polling_interval":"20","cloud_kms_retry_count":5}"""))
            .AssertError(HttpStatusCode.BadRequest, "65537304",
                "Unable to modify polling period because no external key management is configured on the cluster.", "health_monitor_polling_interval");
        Assert.Null(ConfigSetup.Row(factory.DataDir));

        await ConfigSetup.ExternalAsync(admin, fake);
        (await admin.PatchJsonAsync(ConfigSetup.Path, """{"health_monitor_polling_interval":"20"}""")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(20, (await admin.GetJsonAsync(ConfigSetup.Path)).Body!["health_monitor_polling_interval"]!.GetValue<int>());
        Assert.Equal(20L, Convert.ToInt64(ConfigSetup.Row(factory.DataDir)![1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_metrocluster_cannot_enter_common_criteria_mode_65536807()
    {
        var data = TempDir.Create();
        using (var plain = new KeyholdFactory(data))
        {
            await OnboardSetup.EnableAsync(plain.Admin(), ConfigSetup.CcPassphrase);
        }
        // The same cluster restarted as one site of a MetroCluster (its partner need not answer: nothing is asked of it).
        var pem = Path.Combine(TempDir.Create(), "partner.crt");
        using (var pki = new TestPki())
        {
            File.WriteAllText(pem, pki.CaPem);
        }
        using var site = new KeyholdFactory(data);
        MetroClusterSites.Apply(site, MetroClusterSites.PartnerOf("https://127.0.0.1:1", pem, "partner-password"));

        (await site.Admin().PatchJsonAsync(ConfigSetup.Path, TurnOnWith(ConfigSetup.CcPassphrase)))
            .AssertError(HttpStatusCode.BadRequest, "65536807", "MetroCluster cannot be configured while in Common Criteria mode.");
        Assert.Null(ConfigSetup.Row(data));
    }
}
