using System.Net;
using System.Security.Cryptography;
using Keyhold.Onboard;
using Keyhold.Tests.Support;
using Xunit.Abstractions;

namespace Keyhold.Tests.MetroCluster;

/// <summary>
/// Issue 12 scope 5 and row 7: two real Keyhold clusters as MetroCluster partners. POST onboard.synchronize on site B
/// pulls site A's hierarchy over authenticated HTTPS, after which every key unwraps byte for byte on both; a passphrase
/// change on A needs the sync (PATCH) on B, as ONTAP documents; 65537245, 65537244 and 65536906 arise where the spec says.
/// </summary>
public sealed class MetroClusterSyncTests(ITestOutputHelper output)
{
    private const string Managers = "/api/security/key-managers";

    [Fact]
    public async Task Site_b_pulls_site_a_hierarchy_and_both_unwrap_the_same_keys()
    {
        using var a = new KeyholdProcess();
        using var b = new KeyholdProcess(TempDir.Create(), MetroClusterSites.PartnerOf(a));
        using var siteA = a.Client();
        using var siteB = b.Client();
        var sync = new { onboard = new { passphrase = OnboardSetup.Passphrase, synchronize = true } };

        // 65537245: the partner has no onboard key manager yet.
        (await siteB.PostJsonAsync(Managers, sync)).AssertError(HttpStatusCode.BadRequest, "65537245");
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "key_managers"));

        var uuidA = await OnboardSetup.EnableAsync(siteA);
        (await siteA.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
        await CreateEncryptedVolumeAsync(siteA, "vol1");
        await CreateEncryptedVolumeAsync(siteA, "vol2");

        // A wrong passphrase opens nothing and stores nothing; a plain POST is refused while the partner has one.
        (await siteB.PostJsonAsync(Managers, new { onboard = new { passphrase = OnboardSetup.Other, synchronize = true } }))
            .AssertError(HttpStatusCode.BadRequest, "65536139", target: "onboard.passphrase");
        (await siteB.PostJsonAsync(Managers, new { onboard = new { passphrase = OnboardSetup.Passphrase } }))
            .AssertError(HttpStatusCode.BadRequest, "65536906");
        Assert.Equal(0, StoreProbe.Count(b.DataDir, "key_managers"));

        var created = await siteB.PostJsonAsync(Managers + "?return_records=true", sync);
        created.AssertStatus(HttpStatusCode.Created);
        var uuidB = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal(Rows(a, "SELECT kdf, wrapped_root, root_fingerprint FROM onboard"), Rows(b, "SELECT kdf, wrapped_root, root_fingerprint FROM onboard"));
        await AssertSameKeysAsync(a, uuidA, b, uuidB, OnboardSetup.Passphrase, expected: 2);

        // 65537244: a second POST synchronize finds the onboard key manager configured here.
        (await siteB.PostJsonAsync(Managers, sync)).AssertError(HttpStatusCode.BadRequest, "65537244");
        Assert.Equal(1, StoreProbe.Count(b.DataDir, "key_managers"));

        // A passphrase change and a new key on A reach B only with B's sync, which needs A's new passphrase.
        (await siteA.PatchJsonAsync($"{Managers}/{uuidA}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        await CreateEncryptedVolumeAsync(siteA, "vol3");
        Assert.Equal(2, StoreProbe.Count(b.DataDir, "keys"));
        var resync = (string existing) => siteB.PatchJsonAsync($"{Managers}/{uuidB}", new { onboard = new { existing_passphrase = existing, synchronize = true } });
        (await resync(OnboardSetup.Passphrase)).AssertError(HttpStatusCode.BadRequest, "65536139", target: "onboard.existing_passphrase");
        var stale = await OnboardSetup.BackupAsync(siteB, uuidB);
        Assert.Throws<WrongPassphraseException>(() => OnboardRecovery.Recover(stale, OnboardSetup.Other));
        (await resync(OnboardSetup.Other)).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(Rows(a, "SELECT kdf, wrapped_root FROM onboard"), Rows(b, "SELECT kdf, wrapped_root FROM onboard"));
        await AssertSameKeysAsync(a, uuidA, b, uuidB, OnboardSetup.Other, expected: 3);

        foreach (var site in new[] { a, b })
        {
            Assert.DoesNotContain(OnboardSetup.Passphrase, site.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(OnboardSetup.Other, site.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN BACKUP", site.Output, StringComparison.Ordinal);
        }
    }

    private static async Task CreateEncryptedVolumeAsync(HttpClient client, string name) =>
        (await client.PostJsonAsync("/api/storage/volumes?return_timeout=30", new { name, svm = new { name = "vs1" }, size = 1L << 30, encryption = new { enabled = true } }))
            .AssertStatus(HttpStatusCode.Created);

    /// <summary>
    /// What each site returns (its key_backup) and what each stored (its keys table) unwrap, under the passphrase, to the
    /// same bytes for every key of site A.
    /// </summary>
    private async Task AssertSameKeysAsync(KeyholdProcess a, string uuidA, KeyholdProcess b, string uuidB, string passphrase, int expected)
    {
        using var clientA = a.Client();
        using var clientB = b.Client();
        using var fromA = OnboardRecovery.Recover(await OnboardSetup.BackupAsync(clientA, uuidA), passphrase);
        using var fromB = OnboardRecovery.Recover(await OnboardSetup.BackupAsync(clientB, uuidB), passphrase);
        var keysA = fromA.UnwrapAll().ToDictionary(k => k.Key.KeyId, k => k.Material);
        var keysB = fromB.UnwrapAll().ToDictionary(k => k.Key.KeyId, k => k.Material);
        Assert.Equal(expected, keysA.Count);
        var storedB = StoreProbe.Rows(b.DataDir, "SELECT key_id, key_type, wrapped FROM keys").ToDictionary(r => (string)r[0]!, r => (Type: (string)r[1]!, Wrapped: (byte[])r[2]!));
        foreach (var (id, material) in keysA)
        {
            Assert.Equal(material, keysB[id]);
            var fromStore = fromB.RootKey.UnwrapDataKey(id, storedB[id].Type, storedB[id].Wrapped);
            Assert.Equal(material, fromStore);
            CryptographicOperations.ZeroMemory(fromStore);
        }
        output.WriteLine($"{keysA.Count} keys unwrap to the same bytes on both sites");
    }

    private static List<string> Rows(KeyholdProcess site, string sql) =>
        [.. StoreProbe.Rows(site.DataDir, sql).Select(r => string.Join("|", r.Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : v?.ToString())))];
}
