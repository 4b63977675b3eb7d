using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Ontap.Schemas;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Keyhold.Volumes;

namespace Keyhold.Tests.Volumes;

/// <summary>
/// Issue 11 row 1: <c>GET /api/storage/volumes?fields=**&amp;comment=*x*</c> over a large store, from 8 parallel
/// readonly clients, against a real <c>keyhold serve</c>. On main the comment filter ran in memory over every volume
/// (each a JsonObject), and memory grew by gigabytes at 100,000 volumes; now the filter runs in SQL and rows are written
/// as they are read. Kept small for the suite (bench/run.sh measures 100,000): the memory bound is loose, and there is no
/// timing assert.
/// </summary>
public sealed class VolumeCollectionCostTests
{
    private const int Volumes = 20_000;
    private const int EveryNthHasX = 10;
    private const int Clients = 8;
    private const int Rounds = 2;
    private const string Query = "/api/storage/volumes?fields=**&comment=*x*";

    /// <summary>Generous: 8 requests that each held the 20,000 volumes as JsonObjects grew RSS by well over this.</summary>
    private const long MaxGrowthBytes = 300L << 20;

    [Fact]
    public async Task Eight_readers_filtering_20k_volumes_by_comment_get_every_match_and_memory_stays_bounded()
    {
        var dataDir = TempDir.Create();
        string svm;
        using (var first = new KeyholdProcess(dataDir))
        {
            using var admin = first.Client();
            svm = await VolumeSetup.SvmAsync(admin);
            (await admin.PostJsonAsync("/api/security/accounts", new { name = "monitor", role = new { name = "readonly" }, password = "dials-and-gauges-7" }))
                .AssertStatus(HttpStatusCode.Created);
            first.Stop();
        }

        var expected = await SeedAsync(Path.Combine(dataDir, "keyhold.db"), Guid.Parse(svm));

        using var server = new KeyholdProcess(dataDir);
        var clients = Enumerable.Range(0, Clients).Select(_ => server.Client("monitor", "dials-and-gauges-7")).ToArray();
        (await clients[0].GetJsonAsync("/api/storage/volumes?max_records=1")).AssertStatus(HttpStatusCode.OK); // warm: JIT, connection
        var before = Rss(server.ProcessId);
        using var sampling = new CancellationTokenSource();
        var peak = before;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss(server.ProcessId));
                await Task.Delay(20);
            }
        });

        var answers = await Task.WhenAll(clients.Select(async client =>
        {
            var pages = new List<JsonNode>();
            for (var round = 0; round < Rounds; round++)
            {
                var page = await client.GetJsonAsync(Query);
                page.AssertStatus(HttpStatusCode.OK);
                pages.Add(page.Body!);
            }
            return pages;
        }));
        await sampling.CancelAsync();
        await sampler;

        foreach (var body in answers.SelectMany(a => a))
        {
            Assert.Null(body["_links"]!["next"]); // no return_timeout ran out: the whole answer
            var records = body["records"]!.AsArray();
            Assert.Equal(expected.Count, body["num_records"]!.GetValue<int>());
            Assert.Equal(expected, records.Select(r => r!["name"]!.GetValue<string>()));
            Assert.All(records, r =>
            {
                Assert.Contains("x", r!["comment"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Equal("none", r["tiering"]!["policy"]!.GetValue<string>()); // fields=**: the stored fields too
            });
        }

        var growth = peak - before;
        Console.WriteLine($"issue 11 row 1 ({Volumes} volumes, {Clients}x{Rounds} requests): RSS before {before >> 20} MB, peak {peak >> 20} MB (+{growth >> 20} MB)");
        Assert.True(growth < MaxGrowthBytes, $"RSS grew by {growth >> 20} MB (from {before >> 20} MB) while {Clients} clients read");
    }

    /// <summary>Volumes written through Keyhold's own repository, one transaction; every tenth has an x in its comment.</summary>
    private static async Task<List<string>> SeedAsync(string storePath, Guid svm)
    {
        var expected = new List<string>();
        using var store = new SqliteStore(storePath);
        await store.WriteAsync(async (c, tx, ct) =>
        {
            var created = DateTimeOffset.UtcNow;
            for (var i = 0; i < Volumes; i++)
            {
                var name = $"vol{i:D6}";
                var comment = i % EveryNthHasX == 0 ? $"box {i}" : $"plain {i}";
                if (i % EveryNthHasX == 0)
                    expected.Add(name);
                var attributes = VolumeAttributeJson.Complete(new JsonObject { ["comment"] = comment }.ToJsonString()).ToJsonString();
                await VolumeRepository.InsertAsync(c, tx, new Volume(Guid.NewGuid(), svm, "vs1", name, 1L << 30, "online", VolumeRules.Unencrypted, null, attributes), created, ct);
            }
            return true;
        });
        return expected;
    }

    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
