using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cluster;

/// <summary>
/// A node that joined holds no copy of the cluster secret until a node holding it seals one for it (the node sync). Until
/// then a request that needs the secret (a certificate's private key to wrap) gets 503 262195 and changes nothing; it
/// used to be a 500. The sync is made an hour long here, so the joining node is kept waiting for the whole test.
/// </summary>
public sealed class ClusterSecretJoinTests
{
    [Fact]
    public async Task A_node_still_waiting_for_the_cluster_secret_answers_503_and_stores_nothing()
    {
        var file = Path.Combine(TempDir.Create(), "shared.db");
        Dictionary<string, string> Node(string name) => new()
        {
            ["Keyhold__StorePath"] = file,
            ["Keyhold__NodeName"] = name,
            ["Keyhold__NodeSyncInterval"] = "01:00:00",
        };
        using var a = new KeyholdProcess(environment: Node("node-a"));
        await Task.Delay(TimeSpan.FromSeconds(2)); // node A's first sync pass is over before B joins
        using var b = new KeyholdProcess(environment: Node("node-b"));
        using var pki = new TestPki();
        var (cert, key) = pki.Leaf("joining-client");
        var body = new { type = "client", public_certificate = cert, private_key = key, name = "joining" };

        using var adminB = b.Client();
        (await adminB.PostJsonAsync("/api/security/certificates", body)).AssertError(HttpStatusCode.ServiceUnavailable, "262195");
        Assert.Empty(StoreProbe.Rows(Path.GetDirectoryName(file)!, "SELECT uuid FROM certificates WHERE name = 'joining'", "shared.db"));

        using var adminA = a.Client();
        (await adminA.PostJsonAsync("/api/security/certificates", body)).AssertStatus(HttpStatusCode.Created);
        Assert.Single(StoreProbe.Rows(Path.GetDirectoryName(file)!, "SELECT uuid FROM certificates WHERE name = 'joining'", "shared.db"));
    }
}
