using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;
using Xunit.Abstractions;

namespace Keyhold.Tests.Cluster;

/// <summary>
/// Issue 11 row 7: two real processes on one PostgreSQL store; a SIGKILLed node shows as down on the other within
/// 30 s, and up again once restarted. The heartbeat is shortened to 1 s so the test is quick.
/// </summary>
public sealed class NodeHeartbeatTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_killed_node_shows_down_within_30_seconds_and_up_after_restart()
    {
        using var db = PostgresDatabase.Create();
        var settingsA = Settings(db, "node-a");
        var settingsB = Settings(db, "node-b");
        using var a = new KeyholdProcess(TempDir.Create(), settingsA);
        var dataB = TempDir.Create();
        var b = new KeyholdProcess(dataB, settingsB);
        try
        {
            using var client = a.Client();
            Assert.Equal("up", await WaitForStateAsync(client, "node-b", "up", Deadline));
            var stored = db.Rows("SELECT last_seen FROM nodes WHERE name = 'node-b'");
            Assert.NotNull(stored.Single()[0]);

            b.Kill();
            var clock = Stopwatch.StartNew();
            Assert.Equal("down", await WaitForStateAsync(client, "node-b", "down", Deadline));
            Assert.True(clock.Elapsed < Deadline, $"down after {clock.Elapsed}");
            output.WriteLine($"node-b shown down {clock.Elapsed.TotalSeconds:F1} s after SIGKILL (heartbeat 1 s, down after 3 missed)");

            // The time shown is the last beat stored, and it no longer moves.
            var node = await NodeAsync(client, "node-b");
            var lastSeen = DateTimeOffset.Parse((string)db.Rows("SELECT last_seen FROM nodes WHERE name = 'node-b'").Single()[0]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(lastSeen.ToUnixTimeSeconds(), DateTimeOffset.Parse((string)node["last_seen_time"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
            Assert.Equal("up", (string?)(await NodeAsync(client, "node-a"))["state"]);

            b.Dispose();
            clock.Restart();
            b = new KeyholdProcess(dataB, settingsB);
            Assert.Equal("up", await WaitForStateAsync(client, "node-b", "up", Deadline));
            output.WriteLine($"node-b shown up again {clock.Elapsed.TotalSeconds:F1} s after its restart began");
        }
        finally
        {
            b.Dispose();
        }
    }

    private static Dictionary<string, string> Settings(PostgresDatabase db, string name) => new()
    {
        ["Keyhold__Store"] = "postgres",
        ["Keyhold__ConnectionString"] = db.ConnectionString,
        ["Keyhold__NodeName"] = name,
        ["Keyhold__NodeHeartbeatInterval"] = "00:00:01",
    };

    private static async Task<string?> WaitForStateAsync(HttpClient client, string name, string wanted, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        string? state = null;
        while (clock.Elapsed < within)
        {
            state = (string?)(await NodeAsync(client, name))["state"];
            if (state == wanted)
            {
                break;
            }
            await Task.Delay(250);
        }
        return state;
    }

    private static async Task<JsonNode> NodeAsync(HttpClient client, string name)
    {
        var body = await client.GetFromJsonAsync<JsonObject>("/api/cluster/nodes?fields=name,state,last_seen_time");
        return body!["records"]!.AsArray().Single(r => (string?)r!["name"] == name)!;
    }
}
