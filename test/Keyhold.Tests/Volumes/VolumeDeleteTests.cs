using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

public sealed class VolumeDeleteTests
{
    [SkippableFact]
    public async Task Deleting_a_volume_deletes_its_key_with_it()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var (uuid, keyId) = await VolumeSetup.VolumeAsync(client, "vol1");
        var (_, kept) = await VolumeSetup.VolumeAsync(client, "vol2");

        (await client.DeleteJsonAsync($"/api/storage/volumes/{uuid}")).AssertStatus(HttpStatusCode.OK);

        (await client.GetJsonAsync($"/api/storage/volumes/{uuid}")).AssertError(HttpStatusCode.NotFound, "4");
        Assert.Null(VolumeSetup.KeyRow(factory.DataDir, keyId!));
        Assert.NotNull(VolumeSetup.KeyRow(factory.DataDir, kept!));
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "volumes"));
    }

    [SkippableFact]
    public async Task The_cluster_key_manager_stays_while_encrypted_volumes_use_it_65536239()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var (uuid, _) = await VolumeSetup.VolumeAsync(client, "vol1");

        (await client.DeleteJsonAsync($"/api/security/key-managers/{km}")).AssertError(HttpStatusCode.BadRequest, "65536239", "Encrypted volumes are found for the SVM.");

        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "key_managers"));
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "root_key_seals"));
        (await client.DeleteJsonAsync($"/api/storage/volumes/{uuid}")).AssertStatus(HttpStatusCode.OK);
        (await client.DeleteJsonAsync($"/api/security/key-managers/{km}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [SkippableFact]
    public async Task An_svm_key_manager_stays_while_its_encrypted_volumes_use_it_65536867_and_its_keys_are_destroyed_on_its_servers_with_them()
    {
        using var host = new ExternalHost();
        await VolumeSetup.SvmAsync(host.Admin);
        var km = await host.CreateOnSvmAsync("vs1", KmipPeers.A);
        var (uuid, keyId) = await VolumeSetup.VolumeAsync(host.Admin, "vol1");
        var uid = Location(host.DataDir, keyId!);

        (await host.Admin.DeleteJsonAsync($"/api/security/key-managers/{km}")).AssertError(HttpStatusCode.BadRequest, "65536867", "Encrypted volumes are found for the SVM.");

        Assert.Equal(1, host.Count("key_managers"));
        Assert.NotNull(await PeerKeys.MaterialAsync(KmipPeers.A, uid));
        (await host.Admin.DeleteJsonAsync($"/api/storage/volumes/{uuid}")).AssertStatus(HttpStatusCode.OK);
        Assert.Null(await PeerKeys.MaterialAsync(KmipPeers.A, uid));
        Assert.Empty(await PeerKeys.LocateAsync(KmipPeers.A, keyId!));
        (await host.Admin.DeleteJsonAsync($"/api/security/key-managers/{km}")).AssertStatus(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task An_svm_with_volumes_cannot_be_deleted_even_unencrypted_ones()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var svm = await VolumeSetup.SvmAsync(client);
        var (uuid, _) = await VolumeSetup.VolumeAsync(client, "plain", encrypted: false);

        (await client.DeleteJsonAsync($"/api/svm/svms/{svm}")).AssertError(HttpStatusCode.BadRequest, "13434920");

        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "svms"));
        (await client.DeleteJsonAsync($"/api/storage/volumes/{uuid}")).AssertStatus(HttpStatusCode.OK);
        (await client.DeleteJsonAsync($"/api/svm/svms/{svm}")).AssertStatus(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Rekeying_an_external_key_destroys_the_old_one_on_its_server_only_after_the_new_one_is_stored()
    {
        using var host = new ExternalHost();
        await VolumeSetup.SvmAsync(host.Admin);
        await host.CreateOnSvmAsync("vs1", KmipPeers.A);
        var (uuid, oldKeyId) = await VolumeSetup.VolumeAsync(host.Admin, "vol1");
        var oldUid = Location(host.DataDir, oldKeyId!);

        var accepted = await host.Admin.PatchJsonAsync($"/api/storage/volumes/{uuid}", """{"encryption.rekey": true}""");

        accepted.AssertStatus(HttpStatusCode.Accepted);
        Assert.Equal("success", (await VolumeSetup.JobAsync(host.Admin, accepted.Body!))["state"]!.GetValue<string>());
        var newKeyId = (string)VolumeSetup.VolumeRow(host.DataDir, uuid)[5]!;
        Assert.Null(await PeerKeys.MaterialAsync(KmipPeers.A, oldUid));
        Assert.Equal(await KeyMaterial.ReadAsync(host.Services, newKeyId), await PeerKeys.MaterialAsync(KmipPeers.A, Location(host.DataDir, newKeyId)));
        Assert.Equal([newKeyId], StoreProbe.Rows(host.DataDir, "SELECT key_id FROM keys").Select(r => (string)r[0]!));
    }

    private static string Location(string dataDir, string keyId) => VolumeSetup.Locations(dataDir, keyId).Single().KmipUid;
}
