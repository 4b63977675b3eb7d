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
    [Fact]
    public Task Two_nodes_on_one_sqlite_file_report_each_others_connectivity() => RunAsync(SharedStore.Sqlite());

    [Fact]
    public async Task Two_nodes_on_postgres_report_each_others_connectivity()
    {
        if (SharedStore.TryPostgres() is { } store)
        {
            await RunAsync(store);
        }
    }

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

            // Each node sees the other's rows: no node is unknown, so there are no records at all.
            foreach (var node in new[] { a, b })
            {
                foreach (var url in new[] { up, down })
                {
                    await EventuallyAsync(node.Admin, url, c => c["records"] is null && c["cluster_availability"]!.GetValue<bool>());
                }
            }
            Assert.Equal(4L, Convert.ToInt64(store.Rows("SELECT COUNT(*) FROM node_connectivity WHERE state = 'available'")[0][0], System.Globalization.CultureInfo.InvariantCulture));

            KmipPeers.Stop(sibling);
            foreach (var node in new[] { a, b })
            {
                var got = await EventuallyAsync(node.Admin, down, c => States(c).Count == 2);
                Assert.Equal(["node-a:not_responding", "node-b:not_responding"], States(got));
                Assert.False(got["cluster_availability"]!.GetValue<bool>());
                await EventuallyAsync(node.Admin, up, c => c["records"] is null);
            }
            var status = (await a.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=status")).Body!["status"]!["message"]!.GetValue<string>();
            Assert.Contains($"node node-a: {sibling.Server} (not_responding)", status);
            Assert.Contains($"node node-b: {sibling.Server} (not_responding)", status);

            b.Dispose();
            var stale = await EventuallyAsync(a.Admin, up, c => States(c).Count == 1);
            Assert.Equal(["node-b:unknown"], States(stale));
            Assert.True(stale["cluster_availability"]!.GetValue<bool>()); // a stopped node cannot veto
            var stillDown = await EventuallyAsync(a.Admin, down, c => States(c).Contains("node-b:unknown"));
            Assert.Equal(["node-a:not_responding", "node-b:unknown"], States(stillDown));
            Assert.False(stillDown["cluster_availability"]!.GetValue<bool>());
            status = (await a.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=status")).Body!["status"]!["message"]!.GetValue<string>();
            Assert.DoesNotContain("node-b", status);

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

    /// <summary>records[] as "node:state", in node order.</summary>
    private static List<string> States(JsonNode connectivity) =>
        connectivity["records"]?.AsArray().Select(r => $"{r!["node"]!["name"]!.GetValue<string>()}:{r["state"]!.GetValue<string>()}").ToList() ?? [];

    /// <summary>The connectivity object once <paramref name="done"/> holds; fails when it does not within 20 s.</summary>
    private static async Task<JsonNode> EventuallyAsync(HttpClient admin, string url, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var got = await admin.GetJsonAsync(url);
            got.AssertStatus(HttpStatusCode.OK);
            var connectivity = got.Body!["connectivity"]!;
            if (done(connectivity))
            {
                return connectivity;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{url} stayed {connectivity.ToJsonString()}");
            await Task.Delay(200);
        }
    }
}
