using System.Net;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Storage;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Onboard;

/// <summary>
/// Issue 14 scope 1: key_backup at 20,000 keys. It is kept current in pieces rather than rebuilt per GET, so the test
/// changes keys in several pieces (added, removed, rewritten with metadata of the same length) and checks that the
/// key_backup GET returns, byte for byte, what encoding every stored key afresh gives; then a fresh store recovers it
/// through REST and holds every key byte for byte.
/// </summary>
public sealed class KeyBackupAtScaleTests
{
    private const int Keys = 20_000;

    [Fact]
    public async Task A_backup_of_20000_keys_follows_every_change_and_recovers_every_key_byte_for_byte()
    {
        string backup;
        List<object?[]> stored;
        Dictionary<string, byte[]> sample;
        using (var original = new KeyholdFactory())
        {
            var admin = original.Admin();
            var uuid = await OnboardSetup.EnableAsync(admin);
            var km = (await original.Service<KeyManagerRepository>().FindAsync(Guid.Parse(uuid), default))!;
            var keys = await OnboardKeySeed.SeedAsync(original, km, 0, Keys);

            var first = await OnboardSetup.BackupAsync(admin, uuid);
            Assert.Equal(await OnboardKeySeed.FreshEncodingAsync(original, km.Uuid), first);
            Assert.Equal(Keys, KeyBackup.Decode(first).Keys.Count);

            // Changes in many pieces: 50 keys removed, 50 given new metadata of the same length, 50 added, and one
            // encrypted volume through REST.
            var store = original.Service<IStore>();
            await store.WriteAsync(async (c, tx, t) =>
            {
                for (var i = 0; i < 50; i++)
                {
                    await DataKeyRepository.DeleteAsync(c, tx, keys[i * 7].KeyId, t);
                    await DataKeyRepository.UpdateConsumerAsync(c, tx, keys[(i * 7) + 1].KeyId, "retagged", OnboardKeySeed.Metadata((i * 7) + 1).Replace("\"v", "\"w", StringComparison.Ordinal), t);
                }
                return 0;
            });
            await OnboardKeySeed.SeedAsync(original, km, Keys, 50);
            await VolumeSetup.SvmAsync(admin, "vs1");
            await VolumeSetup.VolumeAsync(admin, "vol1", "vs1");

            backup = await OnboardSetup.BackupAsync(admin, uuid);
            Assert.NotEqual(first, backup);
            Assert.Equal(await OnboardKeySeed.FreshEncodingAsync(original, km.Uuid), backup);
            Assert.Equal(Keys + 1, KeyBackup.Decode(backup).Keys.Count);
            Assert.Equal(backup, await OnboardSetup.BackupAsync(admin, uuid)); // unchanged store, same text

            stored = StoreProbe.Rows(original.DataDir, "SELECT key_id, key_type, wrapped, metadata FROM keys ORDER BY key_id");
            sample = [];
            foreach (var row in stored.Where((_, i) => i % 1000 == 0))
            {
                sample[(string)row[0]!] = await KeyMaterial.ReadAsync(original.Services, (string)row[0]!);
            }
        }

        using var fresh = new KeyholdFactory();
        var recovered = await fresh.Admin().PostJsonAsync("/api/security/key-managers/onboard/recover",
            new { onboard = new { passphrase = OnboardSetup.Passphrase, key_backup = backup } });
        recovered.AssertStatus(HttpStatusCode.Created);
        var restored = StoreProbe.Rows(fresh.DataDir, "SELECT key_id, key_type, wrapped, metadata FROM keys ORDER BY key_id");
        Assert.Equal(stored.Count, restored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(stored[i], restored[i]);
        }
        foreach (var (keyId, material) in sample)
        {
            Assert.Equal(material, await KeyMaterial.ReadAsync(fresh.Services, keyId));
        }
    }

}
