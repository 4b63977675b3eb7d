using System.Diagnostics;
using System.Globalization;
using Keyhold.Kmip;
using Keyhold.Kmip.Fuzz;
using Keyhold.Tests.Support;
using Xunit.Abstractions;

namespace Keyhold.Tests.KmipServer;

/// <summary>
/// Mutated and random frames at a real keyhold's KMIP listener (issue 9, hostile input): the process never dies, no
/// frame hangs, every answer is TTLV, and a normal Get of a key made before answers all along and afterwards.
/// The suite throws 5,000 frames; bench/fuzz-listener.sh sets KEYHOLD_FUZZ_FRAMES for the long run (100,000 and more).
/// </summary>
public class ListenerFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mutated_frames_neither_crash_nor_hang_the_listener_and_a_Get_answers_during_and_after()
    {
        long frames = long.Parse(Environment.GetEnvironmentVariable("KEYHOLD_FUZZ_FRAMES") ?? "5000", CultureInfo.InvariantCulture);
        int seed = int.Parse(Environment.GetEnvironmentVariable("KEYHOLD_FUZZ_SEED") ?? "9", CultureInfo.InvariantCulture);
        using var server = await KeyholdKmipServer.StartAsync(new Dictionary<string, string>
        {
            // Short timeouts so a frame that promises bytes it never sends costs seconds, not minutes.
            ["Keyhold__Kmip__ReadTimeout"] = "00:00:02",
            ["Keyhold__Kmip__IdleTimeout"] = "00:00:30",
        });
        await using var client = new KmipClient(server.Options());
        string uid = await client.CreateSymmetricKeyAsync(256);
        byte[] material = await client.GetKeyMaterialAsync(uid);

        using var stop = new CancellationTokenSource();
        var gets = new List<double>();
        Task during = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                Assert.Equal(material, await client.GetKeyMaterialAsync(uid));
                gets.Add(clock.Elapsed.TotalMilliseconds);
                await Task.Delay(100);
            }
        });

        var fuzz = new ListenerFuzz("127.0.0.1", server.KmipPort, server.ClientCertificate(), System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(server.CaPem), TimeSpan.FromSeconds(15));
        var report = await fuzz.RunAsync(seed, frames, connections: 4, TtlvMutator.SeedsFrom(Repository.PathOf("test", "kmip-vectors")));
        await stop.CancelAsync();
        await during;

        output.WriteLine($"listener fuzz: seed {seed}, {report.Frames:N0} frames in {report.Elapsed.TotalSeconds:F1} s: {report.Answered:N0} answered, " +
            $"{report.Closed:N0} closed, {report.Hangs.Count} hangs, {report.BadAnswers.Count} bad answers; {gets.Count} Gets during, slowest {gets.DefaultIfEmpty().Max():F0} ms");
        Assert.False(server.Process.HasExited, "keyhold died:\n" + server.Process.Output);
        Assert.Empty(report.Hangs);
        Assert.Empty(report.BadAnswers);
        Assert.True(report.Answered > 0 && report.Closed > 0, "the frames should provoke both answers and closed connections");
        Assert.NotEmpty(gets);
        await using var after = new KmipClient(server.Options());
        Assert.Equal(material, await after.GetKeyMaterialAsync(uid));
    }
}
