using System.Net;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Cli;

/// <summary>
/// A cluster worth recovering: vs1 with vol1 and vol2 (renamed to vol2b), vs2 with vol3 (rekeyed), and an
/// unencrypted volume, which no backup can bring back. Keeps what a recovery must reproduce exactly.
/// </summary>
public sealed class RecoveryFixture
{
    public required string Backup { get; init; }

    public required Dictionary<string, byte[]> Material { get; init; }

    /// <summary>kdf, wrapped_root of the onboard row.</summary>
    public required object?[] Onboard { get; init; }

    /// <summary>key_id → wrapped.</summary>
    public required Dictionary<string, byte[]> Wrapped { get; init; }

    public required Dictionary<string, string> VolumeKeys { get; init; }

    public static async Task<RecoveryFixture> CreateAsync(KeyholdFactory factory)
    {
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client, "vs1");
        await VolumeSetup.SvmAsync(client, "vs2");
        await VolumeSetup.VolumeAsync(client, "vol1", "vs1");
        var (vol2, _) = await VolumeSetup.VolumeAsync(client, "vol2", "vs1");
        var (vol3, _) = await VolumeSetup.VolumeAsync(client, "vol3", "vs2");
        await VolumeSetup.VolumeAsync(client, "plain", "vs1", encrypted: false);
        (await client.PatchJsonAsync($"/api/storage/volumes/{vol2}", new { name = "vol2b", size = 5L << 30 })).AssertStatus(HttpStatusCode.OK);
        (await client.PatchJsonAsync($"/api/storage/volumes/{vol3}?return_timeout=30", """{"encryption.rekey": true}""")).AssertStatus(HttpStatusCode.OK);
        return new RecoveryFixture
        {
            Backup = await OnboardSetup.BackupAsync(client, km),
            Material = await KeyMaterial.ReadAllAsync(factory.Services),
            Onboard = StoreProbe.Rows(factory.DataDir, "SELECT kdf, wrapped_root FROM onboard").Single(),
            Wrapped = StoreProbe.Rows(factory.DataDir, "SELECT key_id, wrapped FROM keys").ToDictionary(r => (string)r[0]!, r => (byte[])r[1]!),
            VolumeKeys = StoreProbe.Rows(factory.DataDir, "SELECT name, key_id FROM volumes WHERE key_id IS NOT NULL").ToDictionary(r => (string)r[0]!, r => (string)r[1]!),
        };
    }

    /// <summary>Deletes a data folder as an operator would after losing it. Pooled SQLite connections would otherwise keep the deleted file alive in this process.</summary>
    public static void Wipe(string dataDir)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>Asserts that a recovered data folder holds the same hierarchy, byte for byte, and the same volumes on the same keys.</summary>
    public async Task AssertRecoveredAsync(KeyholdFactory recovered)
    {
        Assert.Equal(Onboard, StoreProbe.Rows(recovered.DataDir, "SELECT kdf, wrapped_root FROM onboard").Single());
        Assert.Equal(Wrapped, StoreProbe.Rows(recovered.DataDir, "SELECT key_id, wrapped FROM keys").ToDictionary(r => (string)r[0]!, r => (byte[])r[1]!));
        var material = await KeyMaterial.ReadAllAsync(recovered.Services);
        Assert.Equal(Material.Keys.Order(), material.Keys.Order());
        foreach (var (id, bytes) in Material)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(material[id]), $"key {id} differs after recovery");
        }
        var client = recovered.Admin();
        var listed = await client.GetJsonAsync("/api/storage/volumes?fields=svm.name,size,encryption.key_id&order_by=name");
        listed.AssertStatus(HttpStatusCode.OK);
        var volumes = listed.Body!["records"]!.AsArray();
        Assert.Equal(["vol1", "vol2b", "vol3"], volumes.Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal(["vs1", "vs1", "vs2"], volumes.Select(v => v!["svm"]!["name"]!.GetValue<string>()));
        Assert.Equal(5L << 30, volumes[1]!["size"]!.GetValue<long>());
        Assert.Equal(VolumeKeys, volumes.ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!["encryption"]!["key_id"]!.GetValue<string>()));
    }
}
