using System.Net;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.External;

/// <summary>Volumes whose key manager is external get real keys, held on PyKMIP servers (issue 4 §2).</summary>
public sealed class ExternalKeysVolumeTests
{
    [SkippableFact]
    public async Task A_volume_key_is_registered_on_every_server_reads_back_equal_from_each_and_is_destroyed_with_the_volume()
    {
        using var sibling = new KmipSibling();
        using var host = new ExternalHost();
        await VolumeSetup.SvmAsync(host.Admin);
        await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server, sibling.Server);

        var (uuid, keyId) = await VolumeSetup.VolumeAsync(host.Admin, "vol1");

        var locations = VolumeSetup.Locations(host.DataDir, keyId!);
        Assert.Equal([KmipPeers.A.Server, sibling.Server], locations.Select(l => l.Server));
        Assert.Null(VolumeSetup.KeyRow(host.DataDir, keyId!)![4]);
        var material = await KeyMaterial.ReadAsync(host.Services, keyId!);
        Assert.Equal(32, material.Length);
        Assert.Equal(material, await PeerKeys.MaterialAsync(KmipPeers.A, locations[0].KmipUid));
        Assert.Equal(material, await PeerKeys.MaterialAsync(sibling.Peer, locations[1].KmipUid));

        (await host.Admin.DeleteJsonAsync($"/api/storage/volumes/{uuid}")).AssertStatus(HttpStatusCode.OK);

        Assert.Null(await PeerKeys.MaterialAsync(KmipPeers.A, locations[0].KmipUid));
        Assert.Null(await PeerKeys.MaterialAsync(sibling.Peer, locations[1].KmipUid));
        Assert.Empty(await PeerKeys.LocateAsync(sibling.Peer, keyId!));
        Assert.Equal(0, host.Count("keys"));
        Assert.DoesNotContain(Convert.ToHexString(material), host.Logs.All, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task A_cluster_external_key_manager_holds_the_keys_of_every_svm_without_one()
    {
        using var host = new ExternalHost();
        var km = await host.CreateOnAsync(KmipPeers.A);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");

        var (_, first) = await VolumeSetup.VolumeAsync(host.Admin, "vol1", "vs1");
        var (_, second) = await VolumeSetup.VolumeAsync(host.Admin, "vol1", "vs2");

        foreach (var keyId in new[] { first!, second! })
        {
            Assert.Equal(km, VolumeSetup.KeyRow(host.DataDir, keyId)![0]);
            var location = VolumeSetup.Locations(host.DataDir, keyId).Single();
            Assert.Equal(await KeyMaterial.ReadAsync(host.Services, keyId), await PeerKeys.MaterialAsync(KmipPeers.A, location.KmipUid));
        }
    }

    [SkippableFact]
    public async Task One_answering_server_is_enough_for_a_new_key_and_none_refuses_the_volume_with_66060341_storing_nothing()
    {
        using var sibling = new KmipSibling();
        using var host = new ExternalHost(connectivityInterval: 0.2);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");
        await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Server, sibling.Server);
        var vs2 = await host.CreateOnSvmAsync("vs2", KmipPeers.A, sibling.Server);
        var (_, onSibling) = await VolumeSetup.VolumeAsync(host.Admin, "vol0", "vs2");
        Assert.True(await RestoredAsync(host, vs2, onSibling!, until: true));
        sibling.Stop();

        var (_, keyId) = await VolumeSetup.VolumeAsync(host.Admin, "vol1", "vs1");
        var refused = await host.Admin.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs2", "encryption.enabled": true}""");

        Assert.Equal([KmipPeers.A.Server], VolumeSetup.Locations(host.DataDir, keyId!).Select(l => l.Server));
        Assert.NotEmpty(await KeyMaterial.ReadAsync(host.Services, keyId!));
        refused.AssertError(HttpStatusCode.BadRequest, "66060341");
        Assert.Equal(2, host.Count("volumes"));
        Assert.Equal(2, host.Count("keys"));
        Assert.False(await RestoredAsync(host, vs2, onSibling!, until: false)); // its only server is down
    }

    /// <summary>key-ids' restored for a key, polled until it equals <paramref name="until"/> (the connectivity probe runs every 0.2 s) or 10 s pass.</summary>
    private static async Task<bool> RestoredAsync(ExternalHost host, string km, string keyId, bool until)
    {
        var node = (await host.Admin.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var restored = !until;
        for (var i = 0; i < 50 && restored != until; i++)
        {
            var got = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{km}/keys/{node}/key-ids/{keyId}?fields=restored");
            restored = got.Body!["restored"]!.GetValue<bool>();
            await Task.Delay(200);
        }
        return restored;
    }
}
