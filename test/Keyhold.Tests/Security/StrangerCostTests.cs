using System.Diagnostics;
using System.Net;
using Keyhold.Tests.Observability;
using Keyhold.Tests.Support;
using Xunit.Abstractions;

namespace Keyhold.Tests.Security;

/// <summary>
/// What a client without valid credentials can make a real `keyhold serve` do (issue 10, rows 1, 2, 3 and 7). The
/// attacker's connections leave from 127.0.0.2, the administrator's from 127.0.0.1, so both address budgets show.
/// </summary>
public sealed class StrangerCostTests(ITestOutputHelper output)
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("127.0.0.3");

    private static long FolderBytes(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    /// <summary>
    /// Sends requests from <paramref name="clients"/> side by side until <paramref name="duration"/> is over, or once
    /// <paramref name="enough"/> were answered; counts answers by status.
    /// </summary>
    private static async Task<Dictionary<HttpStatusCode, int>> FloodAsync(IReadOnlyList<HttpClient> clients, TimeSpan duration, Func<HttpClient, int, Task<HttpStatusCode>> send, int enough = int.MaxValue)
    {
        var counts = new Dictionary<HttpStatusCode, int>();
        var answered = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, n) =>
        {
            for (var i = 0; watch.Elapsed < duration && Volatile.Read(ref answered) < enough; i++)
            {
                var status = await send(client, n * 1_000_000 + i);
                lock (counts)
                {
                    counts[status] = counts.GetValueOrDefault(status) + 1;
                    answered++;
                }
            }
        }));
        return counts;
    }

    [Fact]
    public async Task Two_thousand_unauthenticated_requests_grow_the_data_folder_and_the_log_by_under_a_megabyte_and_are_summarised()
    {
        using var keyhold = new KeyholdProcess(environment: new Dictionary<string, string> { ["Keyhold__Audit__SummaryInterval"] = "00:00:01" });
        using var admin = keyhold.Client();
        (await admin.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        var folder = FolderBytes(keyhold.DataDir);
        var log = keyhold.Output.Length;

        var strangers = Enumerable.Range(0, 6).Select(i => (i % 3) switch
        {
            0 => keyhold.Client(null, null, Attacker),
            1 => keyhold.Client("admin", "not-the-password", Attacker),
            _ => keyhold.Client("nobody", "not-the-password", Attacker),
        }).ToList();
        // Bounded by a count, not by what a busy box manages in 10 s (under load 80 it sent under 1,000): 2,001 refused
        // requests, within 60 s (a broken build would take longer).
        var counts = await FloodAsync(strangers, TimeSpan.FromSeconds(60), async (client, i) =>
            (await client.PostAsync("/api/svm/svms", new StringContent($"{{\"name\":\"svm{i}\"}}"))).StatusCode, enough: 2001);
        strangers.ForEach(c => c.Dispose());

        var total = counts.Values.Sum();
        Assert.True(total > 2000, $"the flood reached {total} requests: {string.Join(", ", counts)}");
        Assert.Equal(total, counts.GetValueOrDefault(HttpStatusCode.Unauthorized) + counts.GetValueOrDefault(HttpStatusCode.TooManyRequests));
        // Summarised in one message a second, not written one by one (the summary needs a moment to land).
        var summaries = 0L;
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(10) && summaries < total; await Task.Delay(200))
        {
            var messages = await admin.GetJsonAsync("/api/security/audit/messages?input=*refused*&fields=input");
            summaries = messages.Body!["records"]!.AsArray().Sum(r => long.Parse(r!["input"]!.GetValue<string>().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(total, summaries);
        var grown = FolderBytes(keyhold.DataDir) - folder + (keyhold.Output.Length - log);
        output.WriteLine($"{total} refused requests ({string.Join(", ", counts)}); data folder + log grew {grown} bytes");
        Assert.True(grown < 1 << 20, $"{total} refused requests grew the data folder and log by {grown} bytes");
        Assert.Equal(0, (await admin.GetJsonAsync("/api/svm/svms")).Body!["num_records"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_flood_of_wrong_passwords_for_a_real_account_runs_the_hash_only_within_the_budget_and_leaves_the_admin_served()
    {
        using var keyhold = new KeyholdProcess();
        using var admin = keyhold.Client();
        (await admin.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        var before = Prometheus.Sample(await Prometheus.ScrapeAsync(admin), "keyhold_auth_hashes_total") ?? 0;

        var attackers = Enumerable.Range(0, 8).Select(_ => keyhold.Client("admin", "wrong-password", Attacker)).ToList();
        var watch = Stopwatch.StartNew();
        var served = 0;
        var flood = FloodAsync(attackers, TimeSpan.FromSeconds(3), async (client, _) => (await client.GetAsync("/api/cluster")).StatusCode);
        while (!flood.IsCompleted)
        {
            (await admin.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
            served++;
        }
        var counts = await flood;
        var seconds = watch.Elapsed.TotalSeconds;
        attackers.ForEach(c => c.Dispose());

        var hashes = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "keyhold_auth_hashes_total") is not null);
        var ran = Prometheus.Sample(hashes, "keyhold_auth_hashes_total")!.Value - before;
        output.WriteLine($"{ran} hashes in {seconds:F1} s for {string.Join(", ", counts)}; the administrator was served {served} times");
        // Burst of 10 per address and per account, then 2 a second.
        Assert.True(ran <= 10 + 2 * Math.Ceiling(seconds) + 2, $"{ran} hashes ran in {seconds:F1} s for {string.Join(", ", counts)}");
        Assert.Equal(ran, counts.GetValueOrDefault(HttpStatusCode.Unauthorized));
        Assert.True(counts.GetValueOrDefault(HttpStatusCode.TooManyRequests) > 10 * ran, string.Join(", ", counts));
        Assert.True(served > 10, $"the administrator was served {served} times meanwhile");
    }

    [Fact]
    public async Task Known_and_unknown_names_are_refused_alike_each_after_one_hash()
    {
        using var keyhold = new KeyholdProcess();
        using var admin = keyhold.Client();
        var before = Prometheus.Sample(await Prometheus.ScrapeAsync(admin), "keyhold_auth_hashes_total") ?? 0;
        using var known = keyhold.Client("admin", "wrong-password", Attacker);
        using var unknown = keyhold.Client("nobody-at-all", "wrong-password", Elsewhere);

        var a = await known.GetJsonAsync("/api/cluster");
        var b = await unknown.GetJsonAsync("/api/cluster");

        a.AssertError(HttpStatusCode.Unauthorized, "6");
        Assert.Equal(a.Body!.ToJsonString(), b.Body!.ToJsonString());
        Assert.Equal(a.Response.Headers.WwwAuthenticate.ToString(), b.Response.Headers.WwwAuthenticate.ToString());
        var after = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "keyhold_auth_hashes_total") >= before + 2);
        Assert.Equal(before + 2, Prometheus.Sample(after, "keyhold_auth_hashes_total"));
    }

    [Fact]
    public async Task Passphrase_guesses_by_patch_and_recover_share_one_budget_per_address_and_never_lock_out_the_administrator()
    {
        // The first wait after the free failures is 30 s here, not 250 ms: on a busy box the thirty guesses of the burst
        // arrive over seconds, and one arriving after a short wait has passed rightly runs. The budget's sharing is what
        // is judged, not how fast a loaded machine sends a burst.
        using var keyhold = new KeyholdProcess(environment: new Dictionary<string, string> { ["Keyhold__PassphraseAttempts__BaseDelay"] = "00:00:30" });
        using var admin = keyhold.Client();
        var uuid = await OnboardSetup.EnableAsync(admin);
        var backup = await OnboardSetup.BackupAsync(admin, uuid);
        using var attacker = keyhold.Client("admin", keyhold.Password, Attacker);
        var url = $"/api/security/key-managers/{uuid}";

        // PATCH and recover guesses in one burst: they draw on one budget, so at most three of the thirty run the KDF
        // in all (two budgets would let up to six). Sent together, because a recover sent after the burst may find the
        // delay already over on a slow machine, and then it rightly runs.
        var guesses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => i % 2 == 0
            ? attacker.PatchJsonAsync(url, new { onboard = new { existing_passphrase = $"a wrong guess of enough length number {i:D4}", passphrase = OnboardSetup.Other } })
            : attacker.PostJsonAsync("/api/security/key-managers/onboard/recover", new { onboard = new { passphrase = $"a wrong guess of enough length for recover {i:D4}", key_backup = backup } })));
        var ran = guesses.Count(g => g.Status == HttpStatusCode.BadRequest);
        Assert.True(ran <= 3, $"{ran} guesses ran the KDF");
        Assert.All(guesses.Where(g => g.Status != HttpStatusCode.BadRequest), g => g.AssertError(HttpStatusCode.TooManyRequests, "65536139"));
        Assert.True(guesses.Where((_, i) => i % 2 == 1).Count(g => g.Status == HttpStatusCode.TooManyRequests) >= 12, "recover guesses were not refused");

        // The administrator, from another address, is not slowed at all.
        var watch = Stopwatch.StartNew();
        (await admin.PatchJsonAsync(url, new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the administrator's change took {watch.Elapsed}");
        // And it was stored: the new passphrase is now the existing one.
        (await admin.PatchJsonAsync(url, new { onboard = new { existing_passphrase = OnboardSetup.Other, passphrase = OnboardSetup.Passphrase } }))
            .AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Recover_guesses_are_limited_per_address()
    {
        // A 30 s first wait, as above: on a busy box the sequential guesses may each take longer than 250 ms, and a guess
        // arriving after the wait has passed rightly runs.
        using var keyhold = new KeyholdProcess(environment: new Dictionary<string, string> { ["Keyhold__PassphraseAttempts__BaseDelay"] = "00:00:30" });
        using var admin = keyhold.Client();
        var uuid = await OnboardSetup.EnableAsync(admin);
        var backup = await OnboardSetup.BackupAsync(admin, uuid);
        using var attacker = keyhold.Client("admin", keyhold.Password, Attacker);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add((await attacker.PostJsonAsync("/api/security/key-managers/onboard/recover",
                new { onboard = new { passphrase = $"a wrong guess of enough length number {i:D4}", key_backup = backup } })).Status);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)], answers);
    }
}
