using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Keystores;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// The key-manager `policy` (ONTAP 9.9): set at POST, kept and shown for an external key manager, ignored for the onboard
/// one as ONTAP documents, absent before 9.9, and in the way of a switch to onboard (65539583).
/// </summary>
public sealed class KeyManagerPolicyTests
{
    private const string Managers = "/api/security/key-managers";

    private static string? StoredPolicy(string dataDir, string uuid) =>
        (string?)StoreProbe.Rows(dataDir, $"SELECT policy FROM key_managers WHERE uuid = '{uuid}'").Single()[0];

    [SkippableFact]
    public async Task An_external_key_manager_keeps_its_policy_shows_it_filters_on_it_and_cannot_change_it()
    {
        using var host = new ExternalHost();
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        var body = ExternalHost.Body(client, [ca], [KmipPeers.A.Server]);
        body["policy"] = "IBM_Key_Lore";

        var created = await host.Admin.PostJsonAsync(Managers + "?return_records=true", body.ToJsonString());

        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal("IBM_Key_Lore", StoredPolicy(host.DataDir, uuid));
        Assert.Equal("IBM_Key_Lore", (await host.Admin.GetJsonAsync($"{Managers}/{uuid}?fields=policy")).Body!["policy"]!.GetValue<string>());
        Assert.Equal("IBM_Key_Lore", (await host.Admin.GetJsonAsync($"{Managers}/{uuid}")).Body!["policy"]!.GetValue<string>());
        Assert.Equal(1, (await host.Admin.GetJsonAsync($"{Managers}?policy=IBM*")).Body!["num_records"]!.GetValue<int>());
        Assert.Equal(0, (await host.Admin.GetJsonAsync($"{Managers}?policy=other")).Body!["num_records"]!.GetValue<int>());

        (await host.Admin.PatchJsonAsync($"{Managers}/{uuid}", new { policy = "other" })).AssertError(HttpStatusCode.BadRequest, "262196");
        Assert.Equal("IBM_Key_Lore", StoredPolicy(host.DataDir, uuid));
    }

    [SkippableFact]
    public async Task With_a_policy_on_the_external_key_manager_the_switch_to_onboard_is_refused_65539583()
    {
        using var host = new ExternalHost();
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        var body = ExternalHost.Body(client, [ca], [KmipPeers.A.Server]);
        body["policy"] = "IBM_Key_Lore";
        (await host.Admin.PostJsonAsync(Managers, body.ToJsonString())).AssertStatus(HttpStatusCode.Created);
        var okm = await KeystoreSetup.InactiveAsync(host.Admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });
        var before = KeystoreSetup.ScopeKeys(host.DataDir);

        (await KeystoreSetup.EnableAsync(host.Admin, okm)).AssertError(HttpStatusCode.BadRequest, "65539583",
            "Cannot switch to the Onboard Key Manager when the external key manager has a policy associated with it", "uuid");

        Assert.Equal(before, KeystoreSetup.ScopeKeys(host.DataDir));
        Assert.Equal(0, host.Count("jobs"));
    }

    [Fact]
    public async Task The_onboard_key_manager_accepts_a_policy_and_ignores_it()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();

        var created = await admin.PostJsonAsync(Managers + "?return_records=true", new { onboard = new { passphrase = OnboardSetup.Passphrase }, policy = "IBM_Key_Lore" });

        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Null(StoredPolicy(factory.DataDir, uuid));
        var record = (await admin.GetJsonAsync($"{Managers}/{uuid}?fields=*")).Body!.AsObject();
        Assert.False(record.ContainsKey("policy"));
        Assert.True(record.ContainsKey("is_default_data_at_rest_encryption_disabled"));
    }

    [Fact]
    public async Task Before_9_9_there_is_no_policy_and_nothing_is_stored()
    {
        using var factory = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.8.0" } };
        var admin = factory.Admin();

        (await admin.PostJsonAsync(Managers, new { onboard = new { passphrase = OnboardSetup.Passphrase }, policy = "IBM_Key_Lore" }))
            .AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"policy\".");
        (await admin.GetJsonAsync($"{Managers}?fields=policy")).AssertError(HttpStatusCode.BadRequest, "262197");
        (await admin.GetJsonAsync($"{Managers}?policy=x")).AssertError(HttpStatusCode.BadRequest, "262179");

        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task At_9_9_the_onboard_post_takes_a_policy()
    {
        using var factory = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.9.1" } };

        (await factory.Admin().PostJsonAsync(Managers, new { onboard = new { passphrase = OnboardSetup.Passphrase }, policy = "IBM_Key_Lore" }))
            .AssertStatus(HttpStatusCode.Created);

        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "key_managers"));
    }
}
