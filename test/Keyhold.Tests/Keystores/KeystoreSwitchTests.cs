using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Migration;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Keystores;

/// <summary>
/// ONTAP 9.14+'s switch between onboard and external, through REST against PyKMIP: stage the other configuration
/// inactive, enable it (a job that moves every key), delete the old one.
/// </summary>
public sealed class KeystoreSwitchTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Onboard_to_external_and_back_moves_every_key_byte_for_byte_and_the_old_configuration_stays_inactive()
    {
        var okm = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var keys = await MigrationSetup.VolumesAsync(host.Admin, "vs1", 3);
        var before = await KeyMaterial.ReadAllAsync(host.Services);
        var kmip = await KeystoreSetup.InactiveExternalAsync(host, KmipPeers.A, KmipPeers.A.Server, KmipPeers.A.Alias);

        var listed = (await host.Admin.GetJsonAsync($"{KeystoreSetup.Stores}?fields=*&order_by=type")).Body!["records"]!.AsArray();
        Assert.Equal(["kmip:false:", "okm:true:active"], listed.Select(r =>
            $"{r!["type"]}:{r["enabled"]}:{r["state"]}"));
        var onKmip = await KeystoreSetup.SwitchAsync(host.Admin, kmip);

        Assert.Equal("success", onKmip["state"]!.GetValue<string>());
        Assert.Contains("3 keys moved", onKmip["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"PATCH /api/security/key-stores/{kmip}", onKmip["description"]!.GetValue<string>());
        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(host.DataDir)[kmip]);
        Assert.Equal("cluster/inactive/onboard", KeystoreSetup.ScopeKeys(host.DataDir)[okm]);
        var locations = keys.ToDictionary(k => k, k => VolumeSetup.Locations(host.DataDir, k));
        foreach (var keyId in keys)
        {
            Assert.Equal(kmip, MigrationSetup.KeyManagerOf(host.DataDir, keyId));
            Assert.Null(VolumeSetup.KeyRow(host.DataDir, keyId)![4]); // no onboard-wrapped copy left in the row
            Assert.Equal([KmipPeers.A.Server, KmipPeers.A.Alias], locations[keyId].Select(l => l.Server));
            foreach (var (_, uid) in locations[keyId])
            {
                Assert.Equal(before[keyId], await PeerKeys.MaterialAsync(KmipPeers.A, uid));
            }
        }
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);
        var managers = (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}?fields=enabled")).Body!["records"]!.AsArray();
        Assert.Equal(2, managers.Count);
        Assert.True(managers.Single(m => m!["uuid"]!.GetValue<string>() == kmip)!["enabled"]!.GetValue<bool>());
        Assert.False(managers.Single(m => m!["uuid"]!.GetValue<string>() == okm)!["enabled"]!.GetValue<bool>());
        // A volume made after the switch gets its key from the external configuration.
        var (_, newKey) = await VolumeSetup.VolumeAsync(host.Admin, "after", "vs1");
        Assert.Equal(kmip, MigrationSetup.KeyManagerOf(host.DataDir, newKey!));

        var back = await KeystoreSetup.EnableAsync(host.Admin, okm, "?return_timeout=60");

        back.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(host.DataDir)[okm]);
        foreach (var keyId in keys)
        {
            Assert.Equal(okm, MigrationSetup.KeyManagerOf(host.DataDir, keyId));
            Assert.NotNull(VolumeSetup.KeyRow(host.DataDir, keyId)![4]);
            Assert.Empty(VolumeSetup.Locations(host.DataDir, keyId));
            foreach (var (_, uid) in locations[keyId])
            {
                Assert.Null(await PeerKeys.MaterialAsync(KmipPeers.A, uid)); // destroyed on the old key servers after the commit
            }
        }
        before[newKey!] = await KeyMaterial.ReadAsync(host.Services, newKey!);
        await MigrationSetup.AssertUnchangedAsync(host.Services, before);

        (await host.Admin.DeleteJsonAsync($"{KeystoreSetup.Stores}/{kmip}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal([okm], KeystoreSetup.ScopeKeys(host.DataDir).Keys);
        Assert.Equal(0, host.Count("key_servers"));
        Assert.Equal(1, (await host.Admin.GetJsonAsync(KeystoreSetup.Stores)).Body!["num_records"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Enabling_an_inactive_configuration_where_none_is_enabled_moves_nothing_and_makes_it_serve_keys()
    {
        var kmip = await KeystoreSetup.InactiveExternalAsync(host, KmipPeers.A);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");

        var job = await KeystoreSetup.SwitchAsync(host.Admin, kmip);

        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(host.DataDir)[kmip]);
        var (_, key) = await VolumeSetup.VolumeAsync(host.Admin, "v1", "vs1");
        Assert.Equal(kmip, MigrationSetup.KeyManagerOf(host.DataDir, key!));
    }

    [SkippableFact]
    public async Task Two_external_configurations_of_the_admin_svm_cannot_switch_and_a_second_inactive_one_is_refused()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        var created = await host.CreateAsync(client, ca, KmipPeers.A.Server);
        created.AssertStatus(HttpStatusCode.Created);
        var enabled = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var inactive = await KeystoreSetup.InactiveAsync(host.Admin, ExternalHost.Body(client, [ca], [KmipPeers.A.Alias]));
        var scopes = KeystoreSetup.ScopeKeys(host.DataDir);

        (await KeystoreSetup.EnableAsync(host.Admin, inactive)).AssertError(HttpStatusCode.BadRequest, "65539515");
        (await host.Admin.PostJsonAsync(ExternalHost.Managers + "?create_inactive=true", ExternalHost.Body(client, [ca], [KmipPeers.A.Server]).ToJsonString()))
            .AssertError(HttpStatusCode.BadRequest, "65539585");

        Assert.Equal(scopes, KeystoreSetup.ScopeKeys(host.DataDir));
        Assert.Equal("cluster", scopes[enabled]);
        Assert.Equal(0, host.Count("jobs"));
    }

    [SkippableFact]
    public async Task An_unreachable_key_server_refuses_the_switch_with_65536987_and_nothing_changes()
    {
        var dir = TempDir.Create();
        var okm = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        var key = (await MigrationSetup.VolumesAsync(host.Admin, "vs1", 1)).Single();
        var sibling = KmipPeers.StartSiblingOfA(dir);
        var kmip = await KeystoreSetup.InactiveExternalAsync(host, sibling);
        KmipPeers.Stop(sibling);
        var scopes = KeystoreSetup.ScopeKeys(host.DataDir);

        (await KeystoreSetup.EnableAsync(host.Admin, kmip)).AssertError(HttpStatusCode.BadRequest, "65536987", "One or more key servers are unavailable.");

        Assert.Equal(scopes, KeystoreSetup.ScopeKeys(host.DataDir));
        Assert.Equal(okm, MigrationSetup.KeyManagerOf(host.DataDir, key));
        Assert.Equal(0, host.Count("jobs"));
    }

    public void Dispose() => host.Dispose();
}
