using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Xunit.Abstractions;

namespace Keyhold.Tests.Faults;

/// <summary>PostgreSQL crashes and comes back while a real keyhold node takes writes (issue 11, scope 5).</summary>
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private const int Writers = 4;

    [SkippableFact]
    public async Task Writes_during_a_postgres_restart_get_503_envelopes_service_resumes_by_itself_and_no_acknowledged_key_is_lost()
    {
        using var postgres = PrivatePostgres.Create();
        postgres.CreateDatabase("keyhold");
        using var node = new KeyholdProcess(environment: new Dictionary<string, string>
        {
            ["Keyhold__Store"] = "postgres",
            ["Keyhold__ConnectionString"] = postgres.ConnectionStringFor("keyhold"),
        });
        using var client = node.Client();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);

        var writers = new VolumeWriters();
        using var stop = new CancellationTokenSource();
        var writing = writers.RunAsync(client, "pg_", Writers, stop.Token);
        await Until.CountAsync(() => writers.Acknowledged.Count, 20, "20 acknowledged writes before the crash");

        var acknowledgedBefore = writers.Acknowledged.Count;
        postgres.Stop("immediate");
        var down = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));  // writes keep coming while the server is away
        postgres.Start();
        var up = DateTimeOffset.UtcNow;
        var ackAtRestart = writers.Acknowledged.Count;
        await Until.CountAsync(() => writers.Acknowledged.Count, ackAtRestart + 20, "20 acknowledged writes after the restart");
        await stop.CancelAsync();
        await writing;

        var firstAfter = writers.Log.First(l => l.At > up && l.Outcome == "201").At;
        var refused = writers.Log.Count(l => l.At >= down && l.At <= firstAfter && l.Outcome != "201");
        output.WriteLine($"requests {writers.Requests} ({writers.Summary}); acknowledged {acknowledgedBefore} before the crash, {writers.Acknowledged.Count} in all; "
            + $"refused while down {refused}; server down {(up - down).TotalSeconds:F1} s; first 201 {(firstAfter - up).TotalSeconds:F2} s after it was back; slowest answer {writers.Slowest.TotalSeconds:F2} s");

        // Every answer that was not a 201 was the store's 503 envelope: never a 500, an empty body or a hang.
        Assert.All(writers.Outcomes.Keys, o => Assert.Contains(o, new[] { "201", "503 262193" }));
        Assert.True(writers.Outcomes.GetValueOrDefault("503 262193") > 0, "no request came while the server was down: " + writers.Summary);
        // Resumed by itself: the same process, no restart, acknowledged writes after the server came back.
        Assert.False(node.HasExited);
        Assert.Contains(writers.Log, l => l.At > up && l.Outcome == "201");

        await AcknowledgedKeys.AssertAllReadableAsync(client, writers.Acknowledged);
        AcknowledgedKeys.AssertAllStored(writers.Acknowledged, postgres.Rows("keyhold", AcknowledgedKeys.VolumesWithKeys));
    }
}
