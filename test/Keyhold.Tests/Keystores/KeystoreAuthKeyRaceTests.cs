using System.Net;
using Keyhold.Onboard;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Keystores;

/// <summary>
/// 65539590 / 65539591 hold inside the transaction that switches, not only before the job starts: an auth key made
/// while the switch copies keys (held at a chosen moment by a gated onboard key store) would otherwise be copied in the
/// next round and moved too. The job fails with the code and nothing moves. Against PyKMIP.
/// </summary>
public sealed class KeystoreAuthKeyRaceTests : IDisposable
{
    private readonly GatedKeyStore onboard = new(Keyhold.Keys.KeyManager.Onboard);
    private readonly ExternalHost host;

    public KeystoreAuthKeyRaceTests() => host = new ExternalHost(services: onboard.AddTo<OnboardKeyStore>);

    private long AuthKeys(string km) =>
        (long)StoreProbe.Rows(host.DataDir, $"SELECT COUNT(*) FROM keys WHERE key_type = 'nse-ak' AND key_manager_uuid = '{km}'").Single()[0]!;

    [SkippableFact]
    public async Task An_auth_key_made_while_the_switch_copies_keys_fails_the_switch_with_65539590()
    {
        var kmip = await host.CreateOnAsync(KmipPeers.A);
        var authKeys = $"{ExternalHost.Managers}/{kmip}/auth-keys";
        for (var i = 0; i < 2; i++)
        {
            (await host.Admin.PostJsonAsync(authKeys, new { key_tag = $"ak{i}" })).AssertStatus(HttpStatusCode.Created);
        }
        var okm = await KeystoreSetup.InactiveAsync(host.Admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });
        var before = KeystoreSetup.ScopeKeys(host.DataDir);
        var (paused, resume) = onboard.PauseBeforeImport(0);

        var accepted = await KeystoreSetup.EnableAsync(host.Admin, okm);
        accepted.AssertStatus(HttpStatusCode.Accepted);
        await paused;
        // Two NSE-AKs passed the check before the job; a third arrives while the first key is being copied.
        (await host.Admin.PostJsonAsync(authKeys, new { key_tag = "ak2" })).AssertStatus(HttpStatusCode.Created);
        resume();
        var job = await Keyhold.Tests.Volumes.VolumeSetup.JobAsync(host.Admin, accepted.Body!);

        Assert.Equal("failure", job["state"]!.GetValue<string>());
        Assert.Equal("65539590", job["code"]!.ToString());
        Assert.Equal(before, KeystoreSetup.ScopeKeys(host.DataDir));
        Assert.Equal(3, AuthKeys(kmip));
        Assert.Equal(0, AuthKeys(okm));
    }

    public void Dispose() => host.Dispose();
}
