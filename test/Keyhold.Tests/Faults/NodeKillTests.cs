using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Xunit.Abstractions;

namespace Keyhold.Tests.Faults;

/// <summary>Two nodes share one PostgreSQL store; one is SIGKILLed while both take writes (issue 11, scope 5).</summary>
public sealed class NodeKillTests(ITestOutputHelper output)
{
    private const int WritersPerNode = 3;

    [SkippableFact]
    public async Task When_one_of_two_nodes_is_killed_under_load_the_other_keeps_serving_and_no_acknowledged_key_is_lost()
    {
        using var database = PostgresDatabase.Create();
        using var a = new KeyholdProcess(TempDir.Create(), Settings(database, "node-a"));
        using var b = new KeyholdProcess(TempDir.Create(), Settings(database, "node-b"));
        using var clientA = a.Client();
        using var clientB = b.Client();
        await OnboardSetup.EnableAsync(clientA);  // seals the root key to both nodes
        await VolumeSetup.SvmAsync(clientA);
        // Each node makes one key before the load: its code is compiled and it holds the root key (a cold first request
        // on a busy box is not what this test is about).
        await VolumeSetup.VolumeAsync(clientA, "warm_a");
        await VolumeSetup.VolumeAsync(clientB, "warm_b");

        var onA = new VolumeWriters();
        var onB = new VolumeWriters();
        using var stop = new CancellationTokenSource();
        var writingA = onA.RunAsync(clientA, "a_", WritersPerNode, stop.Token, stopOnConnectionFailure: true);
        var writingB = onB.RunAsync(clientB, "b_", WritersPerNode, stop.Token);
        await Until.CountAsync(() => Math.Min(onA.Acknowledged.Count, onB.Acknowledged.Count), 30, "30 acknowledged writes on each node");

        a.Kill();
        var killed = DateTimeOffset.UtcNow;
        await writingA;
        var ackOnBAtKill = onB.Acknowledged.Count;
        await Until.CountAsync(() => onB.Acknowledged.Count, ackOnBAtKill + 50, "50 acknowledged writes on node b after the kill");
        await stop.CancelAsync();
        await writingB;

        var afterKill = onB.Log.Where(l => l.At > killed).ToList();
        output.WriteLine($"node a: {onA.Requests} requests ({onA.Summary}); node b: {onB.Requests} requests ({onB.Summary}), "
            + $"{afterKill.Count} answered after the kill, first 201 {(afterKill.First(l => l.Outcome == "201").At - killed).TotalSeconds:F2} s after it; "
            + $"slowest answer on b {onB.Slowest.TotalSeconds:F2} s; other outcomes on b (s after the kill): "
            + string.Join(", ", onB.Log.Where(l => l.Outcome != "201").Select(l => $"{l.Outcome} {(l.At - killed).TotalSeconds:F2}")));

        // The survivor answered everything with 201, before and after the kill: not one error, not one hang.
        Assert.Equal(["201"], onB.Outcomes.Keys);
        Assert.True(onA.Outcomes.Keys.All(o => o is "201" or "connection"), "node a before its death: " + onA.Summary);

        var acknowledged = onA.Acknowledged.Concat(onB.Acknowledged).ToDictionary();
        await AcknowledgedKeys.AssertAllReadableAsync(clientB, acknowledged, "node-b");
        AcknowledgedKeys.AssertAllStored(acknowledged, database.Rows(AcknowledgedKeys.VolumesWithKeys));
    }

    private static Dictionary<string, string> Settings(PostgresDatabase database, string name) => new()
    {
        ["Keyhold__Store"] = "postgres",
        ["Keyhold__ConnectionString"] = database.ConnectionString,
        ["Keyhold__NodeName"] = name,
    };
}
