using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cluster;

/// <summary>A steady node re-publishes its connectivity every other probe interval, not on every probe: each SQLite commit is a synced write.</summary>
public sealed class ConnectivityPublishingTests
{
    [SkippableFact]
    public async Task A_steady_node_writes_a_heartbeat_every_other_interval_in_fixed_width_utc()
    {
        using var store = SharedStore.Sqlite();
        // A server of its own: a shared PyKMIP under the whole suite's load could fail a probe and add writes.
        var server = KmipPeers.StartSiblingOfA(TempDir.Create());
        try
        {
            using var node = new ClusterNode("node-a", store);
            await node.CreateExternalAsync(server.Server);

            // Probes run every second; over 8 s a write per probe would show about 9 distinct checked values, heartbeats 4 or 5.
            var seen = new HashSet<string>();
            var until = DateTime.UtcNow.AddSeconds(8);
            while (DateTime.UtcNow < until)
            {
                foreach (var row in store.Rows("SELECT state, checked FROM node_connectivity"))
                {
                    Assert.Equal("available", row[0]);
                    seen.Add((string)row[1]!);
                }
                await Task.Delay(100);
            }
            Assert.InRange(seen.Count, 3, 5);
            Assert.All(seen, c => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", c));
        }
        finally
        {
            KmipPeers.Stop(server);
        }
    }
}
