using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Keystores;

/// <summary>
/// Switching from external to onboard moves the NSE authentication keys, and ONTAP's Onboard Key Manager holds two:
/// more is 65539590, one is 65539591, each refused before a job starts; two move with the switch. Against PyKMIP.
/// </summary>
public sealed class KeystoreAuthKeyCountTests : IDisposable
{
    private readonly ExternalHost host = new();

    private long AuthKeys(string km) =>
        (long)StoreProbe.Rows(host.DataDir, $"SELECT COUNT(*) FROM keys WHERE key_type = 'nse-ak' AND key_manager_uuid = '{km}'").Single()[0]!;

    [SkippableFact]
    public async Task The_switch_to_onboard_needs_exactly_two_nse_aks_and_moves_them()
    {
        var kmip = await host.CreateOnAsync(KmipPeers.A);
        var authKeys = $"{ExternalHost.Managers}/{kmip}/auth-keys";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await host.Admin.PostJsonAsync(authKeys + "?return_records=true", new { key_tag = $"ak{i}" });
            created.AssertStatus(HttpStatusCode.Created);
            ids.Add(created.Body!["records"]![0]!["key_id"]!.GetValue<string>());
        }
        var okm = await KeystoreSetup.InactiveAsync(host.Admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });
        var before = KeystoreSetup.ScopeKeys(host.DataDir);

        (await KeystoreSetup.EnableAsync(host.Admin, okm)).AssertError(HttpStatusCode.BadRequest, "65539590",
            "Cannot switch to the Onboard Key Manager if there are more than two NSE-AKs in the cluster.", "uuid");
        Assert.Equal(before, KeystoreSetup.ScopeKeys(host.DataDir));
        Assert.Equal(3, AuthKeys(kmip));

        (await host.Admin.DeleteJsonAsync($"{authKeys}/{ids[0]}")).AssertStatus(HttpStatusCode.OK);
        (await host.Admin.DeleteJsonAsync($"{authKeys}/{ids[1]}")).AssertStatus(HttpStatusCode.OK);
        (await KeystoreSetup.EnableAsync(host.Admin, okm)).AssertError(HttpStatusCode.BadRequest, "65539591",
            "Cannot switch to the Onboard Key Manager if there are fewer than two NSE-AKs in the cluster.", "uuid");
        Assert.Equal(before, KeystoreSetup.ScopeKeys(host.DataDir));
        Assert.Equal(0, host.Count("jobs"));

        (await host.Admin.PostJsonAsync(authKeys, new { key_tag = "ak3" })).AssertStatus(HttpStatusCode.Created);
        var job = await KeystoreSetup.SwitchAsync(host.Admin, okm);

        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(host.DataDir)[okm]);
        Assert.Equal(2, AuthKeys(okm));
        Assert.Equal(0, AuthKeys(kmip));
    }

    public void Dispose() => host.Dispose();
}
