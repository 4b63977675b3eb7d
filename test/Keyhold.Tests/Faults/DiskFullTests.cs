using System.Diagnostics;
using System.Net;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Xunit.Abstractions;

namespace Keyhold.Tests.Faults;

/// <summary>The data folder's disk fills up under a real node (issue 11, scope 5): a tmpfs of a few MB the test mounts.</summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task When_the_disk_is_full_writes_get_507_envelopes_reads_keep_working_and_after_space_returns_nothing_is_lost_or_corrupt()
    {
        using var disk = SmallDisk.Mount(megabytes: 24);
        var dataDir = Path.Combine(disk.Path, "data");
        var writers = new VolumeWriters();
        using (var server = new KeyholdProcess(dataDir))
        {
            using var client = server.Client();
            await OnboardSetup.EnableAsync(client);
            await VolumeSetup.SvmAsync(client);
            await WriteAsync(writers, client, "before_", 20);

            var filler = disk.Fill();
            // The store's journal may still have room it reuses: writes go on until it has none, then all are refused.
            using (var stop = new CancellationTokenSource())
            {
                var writing = writers.RunAsync(client, "full_", 2, stop.Token);
                await Until.TrueAsync(() => writers.Outcomes.ContainsKey("507 262194") || writers.Outcomes.Keys.Any(o => o is not ("201" or "507 262194")), "a refused write");
                await stop.CancelAsync();
                await writing;
            }
            var refusedBefore = writers.Outcomes.GetValueOrDefault("507 262194");
            var whileFull = new VolumeWriters();
            await WriteAsync(whileFull, client, "full_again_", 10);
            output.WriteLine($"disk full ({filler / 1024} KiB filler): {writers.Requests} writes ({writers.Summary}); then: {whileFull.Summary}");
            Assert.True(writers.Outcomes.Keys.All(o => o is "201" or "507 262194"), writers.Summary);
            Assert.Equal(["507 262194"], whileFull.Outcomes.Keys);
            Assert.True(refusedBefore > 0);

            // Reads keep working on a full disk, and show every acknowledged key.
            await AcknowledgedKeys.AssertAllReadableAsync(client, writers.Acknowledged);
            (await client.GetJsonAsync("/api/security/key-managers?fields=*")).AssertStatus(HttpStatusCode.OK);

            disk.Free();
            var freed = Stopwatch.StartNew();
            var after = new VolumeWriters();
            using (var stop = new CancellationTokenSource())
            {
                var writing = after.RunAsync(client, "after_", 1, stop.Token);
                await Until.CountAsync(() => after.Acknowledged.Count, 20, "20 acknowledged writes after space returned");
                await stop.CancelAsync();
                await writing;
            }
            output.WriteLine($"space back: first write acknowledged within {freed.Elapsed.TotalSeconds:F2} s; {after.Summary}");
            foreach (var (uuid, key) in after.Acknowledged)
            {
                writers.Acknowledged[uuid] = key;
            }
            Assert.Equal(0, server.Stop());
        }

        Assert.Equal("ok", StoreProbe.Rows(dataDir, "PRAGMA integrity_check")[0][0]);
        using var restarted = new KeyholdProcess(dataDir);
        using var again = restarted.Client();
        var stored = await AcknowledgedKeys.AssertAllReadableAsync(again, writers.Acknowledged);
        output.WriteLine($"after a restart: {writers.Acknowledged.Count} acknowledged, {stored} stored, integrity ok");
    }

    private static async Task WriteAsync(VolumeWriters writers, HttpClient client, string prefix, int count)
    {
        using var stop = new CancellationTokenSource();
        var writing = writers.RunAsync(client, prefix, 1, stop.Token);
        await Until.CountAsync(() => writers.Requests, count, $"{count} writes");
        await stop.CancelAsync();
        await writing;
    }
}
