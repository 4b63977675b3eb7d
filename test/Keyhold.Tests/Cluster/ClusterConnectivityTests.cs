using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cluster;

/// <summary>
/// Each node publishes what it measures of each key server through the shared store, so every node reports every
/// node's view; a node that stops publishing turns unknown once its rows go stale, and no longer vetoes availability.
/// </summary>
public sealed class ClusterConnectivityTests
{
    [SkippableFact]
    public Task Two_nodes_on_one_sqlite_file_report_each_others_connectivity() => RunAsync(SharedStore.Sqlite());

    [SkippableFact]
    public Task Two_nodes_on_postgres_report_each_others_connectivity() => RunAsync(SharedStore.OnPostgres());

    private static async Task RunAsync(SharedStore store)
    {
        using var owned = store;
        var sibling = KmipPeers.StartSiblingOfA(TempDir.Create());
        try
        {
            using var a = new ClusterNode("node-a", store);
            using var b = new ClusterNode("node-b", store);
            var uuid = await a.CreateExternalAsync(KmipPeers.A.Server, sibling.Server);
            var up = Url(uuid, KmipPeers.A.Server);
            var down = Url(uuid, sibling.Server);

            // Each node sees the other's rows: no node is unknown, so there are no records at all. (Expectations are
            // awaited, not sampled: a probe of a loaded PyKMIP may fail now and then, and the next one restores it.)
            foreach (var node in new[] { a, b })
            {
                await ExpectAsync(node, up, true);
                await ExpectAsync(node, down, true);
            }
            await EventuallyAsync(() => Count(store, "state = 'available'") == 4, "four available rows");

            KmipPeers.Stop(sibling);
            foreach (var node in new[] { a, b })
            {
                await ExpectAsync(node, down, false, "node-a:not_responding", "node-b:not_responding");
                await ExpectAsync(node, up, true);
            }
            await EventuallyAsync(async () => await StatusAsync(a, uuid) is var status
                && status.Contains($"node node-a: {sibling.Server} (not_responding)", StringComparison.Ordinal)
                && status.Contains($"node node-b: {sibling.Server} (not_responding)", StringComparison.Ordinal), "both nodes in the status");

            b.Dispose();
            await ExpectAsync(a, up, true, "node-b:unknown"); // a stopped node is listed, but cannot veto
            await ExpectAsync(a, down, false, "node-a:not_responding", "node-b:unknown");
            await EventuallyAsync(async () => !(await StatusAsync(a, uuid)).Contains("node-b", StringComparison.Ordinal), "node-b left out of the status");

            // Rows go with their server, and with their key manager.
            (await a.Admin.DeleteJsonAsync(ServerUrl(uuid, sibling.Server))).AssertStatus(HttpStatusCode.OK);
            Assert.Empty(store.Rows($"SELECT node_uuid FROM node_connectivity WHERE server = '{sibling.Server}'"));
            Assert.NotEmpty(store.Rows("SELECT node_uuid FROM node_connectivity"));
            (await a.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{uuid}")).AssertStatus(HttpStatusCode.OK);
            Assert.Empty(store.Rows("SELECT node_uuid FROM node_connectivity"));
        }
        finally
        {
            KmipPeers.Stop(sibling);
        }
    }

    private static string ServerUrl(string keyManager, string server) => $"{ExternalHost.Managers}/{keyManager}/key-servers/{server}";

    private static string Url(string keyManager, string server) => ServerUrl(keyManager, server) + "?fields=connectivity";

    private static long Count(SharedStore store, string where) =>
        Convert.ToInt64(store.Rows("SELECT COUNT(*) FROM node_connectivity WHERE " + where)[0][0], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> StatusAsync(ClusterNode node, string keyManager) =>
        (await node.Admin.GetJsonAsync($"{ExternalHost.Managers}/{keyManager}?fields=status")).Body!["status"]!["message"]!.GetValue<string>();

    /// <summary>Waits until the node reports exactly these records ("node:state", in node order) and cluster_availability.</summary>
    private static async Task ExpectAsync(ClusterNode node, string url, bool clusterAvailability, params string[] records)
    {
        JsonNode? last = null;
        await EventuallyAsync(async () =>
        {
            var got = await node.Admin.GetJsonAsync(url);
            got.AssertStatus(HttpStatusCode.OK);
            last = got.Body!["connectivity"]!;
            return last["cluster_availability"]!.GetValue<bool>() == clusterAvailability && States(last).SequenceEqual(records);
        }, () => $"{node.Name} {url}: {last?.ToJsonString()}");
    }

    /// <summary>records[] as "node:state", in node order.</summary>
    private static List<string> States(JsonNode connectivity) =>
        connectivity["records"]?.AsArray().Select(r => $"{r!["node"]!["name"]!.GetValue<string>()}:{r["state"]!.GetValue<string>()}").ToList() ?? [];

    private static Task EventuallyAsync(Func<bool> done, string what) => EventuallyAsync(() => Task.FromResult(done()), () => what);

    private static Task EventuallyAsync(Func<Task<bool>> done, string what) => EventuallyAsync(done, () => what);

    /// <summary>Polls until <paramref name="done"/>; fails naming what was awaited when 20 s pass.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> done, Func<string> what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "still not: " + what());
            await Task.Delay(200);
        }
    }
}
