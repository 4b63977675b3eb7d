using System.Net;
using Keyhold.Onboard;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cluster;

/// <summary>Two nodes (own data folders, own node keys) sharing one store form one cluster.</summary>
public sealed class MultiNodeTests
{
    [Fact]
    public async Task A_node_that_joins_later_needs_an_onboard_synchronize_and_gets_the_cluster_secret_by_itself()
    {
        var store = Path.Combine(TempDir.Create(), "cluster.db");
        using var first = new KeyholdFactory(storePath: store, nodeName: "node-a");
        var a = first.Admin();
        var uuid = await OnboardSetup.EnableAsync(a);
        var fingerprint = (await first.Service<RootKeyCache>().GetAsync(Guid.Parse(uuid), CancellationToken.None))!.Fingerprint;

        using var second = new KeyholdFactory(storePath: store, nodeName: "node-b");
        var b = second.Admin();
        var nodes = await b.GetJsonAsync("/api/cluster/nodes");
        Assert.Equal(2, nodes.Body!["num_records"]!.GetValue<int>());
        Assert.Equal((await a.GetJsonAsync("/api/cluster?fields=uuid")).Body!["uuid"]!.GetValue<string>(),
            (await b.GetJsonAsync("/api/cluster?fields=uuid")).Body!["uuid"]!.GetValue<string>());

        // The new node has no sealed root key: status says which node, and it cannot unwrap anything.
        var status = await b.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=status");
        Assert.Equal(65537201, status.Body!["status"]!["code"]!.GetValue<long>());
        Assert.Contains("node-b", status.Body["status"]!["message"]!.GetValue<string>());
        Assert.Null(await second.Service<RootKeyCache>().GetAsync(Guid.Parse(uuid), CancellationToken.None));

        (await b.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Passphrase } }))
            .AssertStatus(HttpStatusCode.OK);

        Assert.Equal(2L, StoreProbe.Rows(Path.GetDirectoryName(store)!, "SELECT COUNT(*) FROM root_key_seals", Path.GetFileName(store))[0][0]);
        var after = await b.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=status");
        Assert.Equal(0, after.Body!["status"]!["code"]!.GetValue<long>());
        Assert.Equal(fingerprint, (await second.Service<RootKeyCache>().GetAsync(Guid.Parse(uuid), CancellationToken.None))!.Fingerprint);

        // The cluster secret arrives without any administrator action.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!second.Service<ClusterSecret>().Held && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(second.Service<ClusterSecret>().Held);
    }
}
