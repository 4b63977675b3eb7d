using System.Diagnostics;
using System.Globalization;
using Keyhold.Keys;
using Keyhold.Storage;
using Keyhold.Volumes;
using Microsoft.Extensions.DependencyInjection;

namespace Keyhold.Bench;

/// <summary>
/// seed-volumes DATA SVM FIRST COUNT [BATCH] [CACHE_MB]: adds COUNT encrypted volumes (names svFIRST, ... as sv0000000, seven digits) with their VEKs
/// to the store of a stopped node, through Keyhold's own code: the node's composition root and bootstrap, the SVM's
/// effective key manager and its key store (random material wrapped under the root key, as a POST would), and the
/// volume and key repositories. Rows go in BATCH volumes per transaction (a POST writes one per transaction; seeding a
/// million one by one would take the bench's whole budget), so what differs from COUNT POSTs is only the commit count
/// (and, on SQLite, the seeding connection's page cache of CACHE_MB).
/// Store settings come from the environment as for `keyhold serve` (Keyhold__Store, Keyhold__ConnectionString).
/// </summary>
public static class SeedVolumes
{
    public static async Task<int> RunAsync(string dataDir, string svmName, int first, int count, int batch, int cacheMb)
    {
        // SQLite's page cache for the seeding connection (default 2 MB): the random-keyed indexes (volume UUID, key ID) of a
        // large store no longer fit, and every batch then rereads and rewrites their pages. Measured on the shared 2-core
        // box: 0 -> 100,000 volumes, 5,000 a batch: 50 s with 2 MB, 13 s with 512 MB; 100,000 -> 400,000: 209 s with
        // 512 MB and 5,000 a batch, 75 s with 1 GB and 25,000, 62 s with 2 GB and 100,000 (fewer, larger commits rewrite
        // each index page fewer times). Making and wrapping the keys overlaps the writes and waits ~2 % of the time.
        var pageCache = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size=-{cacheMb * 1024}");
        await using var app = await StoppedNode.StartAsync(dataDir);
        var store = app.Services.GetRequiredService<IStore>();
        var stores = app.Services.GetRequiredService<KeyStores>();

        var (svm, km) = await store.ReadAsync(async (c, t) =>
        {
            var found = await NewVolumeContext.ReadAsync(c, null, svmName, "", t);
            return (found.Svm, found.Effective);
        });
        if (km is null)
        {
            Console.Error.WriteLine($"SVM {svmName} has no key manager: set one up before seeding");
            return 1;
        }
        var keyStore = stores.For(km.Kind);
        var clock = Stopwatch.StartNew();
        var created = DateTimeOffset.UtcNow;
        // Two cores: the next batch's keys are made and wrapped while the store writes this one.
        async Task<List<(Volume Volume, DataKey Key)>> MakeAsync(int first, int n)
        {
            var rows = new List<(Volume Volume, DataKey Key)>(n);
            for (int i = first; i < first + n; i++)
            {
                var name = "sv" + i.ToString("D7", CultureInfo.InvariantCulture);
                var volume = new Volume(Guid.NewGuid(), svm.Uuid, svm.Name, name, VolumeRules.DefaultSize, VolumeRules.Online, VolumeRules.Unencrypted, null);
                var request = new KeyRequest(KeyTypes.Vek, svm.Uuid, name, VolumeKeyMetadata.Of(volume).ToJsonText());
                var key = await keyStore.CreateAsync(km, request, CancellationToken.None);
                var stored = volume with { KeyId = key.KeyId, EncryptionState = VolumeRules.Encrypted };
                // The key row as VolumeKeys.CreateAsync writes it: tagged with, and describing, its volume.
                rows.Add((stored, key with { KeyTag = stored.Name, Metadata = VolumeKeyMetadata.Of(stored).MergeInto(key.Metadata) }));
            }
            return rows;
        }
        var next = Task.Run(() => MakeAsync(first, Math.Min(batch, count)));
        var waitedForKeys = TimeSpan.Zero;
        var writing = TimeSpan.Zero;
        for (int done = 0; done < count; done += batch)
        {
            var waitStart = Stopwatch.GetTimestamp();
            var rows = await next;
            waitedForKeys += Stopwatch.GetElapsedTime(waitStart);
            int following = done + batch;
            next = following < count ? Task.Run(() => MakeAsync(first + following, Math.Min(batch, count - following))) : Task.FromResult(rows);
            var writeStart = Stopwatch.GetTimestamp();
            await store.WriteAsync(async (c, tx, t) =>
            {
                if (store.Kind == "sqlite")
                {
                    await Db.ExecuteAsync(c, tx, pageCache, t);
                }
                foreach (var (volume, key) in rows)
                {
                    await VolumeRepository.InsertAsync(c, tx, volume, created, t);
                    await DataKeyRepository.InsertAsync(c, tx, key, t);
                }
                return 0;
            });
            writing += Stopwatch.GetElapsedTime(writeStart);
            if ((done / batch) % 20 == 19)
            {
                Console.Error.WriteLine($"seeded {done + rows.Count:N0} volumes in {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        // The count triggers appended a +1 row per volume and key; a node folds them every few seconds while volumes are
        // POSTed (RowCountCompactor). Folded here too, so the node measured next starts from the store that many POSTs
        // would have left, not from 2 rows per volume to sum (the 1,000,000 curve of 4e800d0 counted during that fold).
        var folding = Stopwatch.StartNew();
        await RowCounts.CompactAsync(store, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"first\":{first},\"volumes\":{count},\"batch\":{batch},\"seconds\":{clock.Elapsed.TotalSeconds:F1},\"write_s\":{writing.TotalSeconds:F1},\"wait_keys_s\":{waitedForKeys.TotalSeconds:F1},\"fold_counts_s\":{folding.Elapsed.TotalSeconds:F1}}}"));
        return 0;
    }
}
