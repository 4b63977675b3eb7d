using System.Net;
using System.Security.Cryptography;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KmipServer;

/// <summary>KMIP objects ride in the onboard key_backup, and onboard recovery on a fresh cluster brings them back.</summary>
public sealed class KmipRecoveryTests
{
    [Fact]
    public async Task Onboard_recovery_brings_kmip_objects_back_with_owner_material_and_attributes()
    {
        string backup, uuid;
        string key, secret;
        byte[] keyMaterial, secretMaterial = RandomNumberGenerator.GetBytes(32);
        using var pki = new TestPki("KMIP recovery clients");
        await using (var original = await KmipServerHarness.StartAsync(pki: pki))
        {
            await using var client = original.Client("array-7");
            key = await client.CreateSymmetricKeyAsync(256, "vol-key");
            keyMaterial = await client.GetKeyMaterialAsync(key);
            secret = await client.RegisterSecretDataAsync(secretMaterial, "nse-ak");
            await client.ActivateAsync(key);
            using var admin = original.Factory.Admin();
            uuid = (await admin.GetJsonAsync("/api/security/key-managers")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
            backup = await OnboardSetup.BackupAsync(admin, uuid);
        }

        await using var fresh = await KmipServerHarness.StartAsync(onboard: false, pki: pki);
        using (var admin = fresh.Factory.Admin())
        {
            var recovered = await admin.PostJsonAsync("/api/security/key-managers/onboard/recover",
                new { onboard = new { passphrase = OnboardSetup.Passphrase, key_backup = backup } });
            recovered.AssertStatus(HttpStatusCode.Created);
        }

        await using var again = fresh.Client("array-7");
        Assert.Equal(keyMaterial, await again.GetKeyMaterialAsync(key));
        Assert.Equal(secretMaterial, await again.GetKeyMaterialAsync(secret));
        Assert.Equal([key], await again.LocateByNameAsync("vol-key"));
        Assert.Equal(Keyhold.Kmip.KmipObjectState.Active, (await again.GetAttributesAsync(key)).State);

        // Still only its owner's.
        await using var stranger = fresh.Client("someone-else");
        await Assert.ThrowsAsync<Keyhold.Kmip.KmipOperationException>(() => stranger.GetAsync(key));
    }
}
