using Keyhold.Kmip;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KmipServer;

/// <summary>Two nodes sharing one store serve the same objects, with server certificates from the same cluster CA.</summary>
public sealed class KmipClusterTests
{
    [Fact]
    public async Task A_key_made_through_node_one_is_fetched_through_node_two()
    {
        string store = Path.Combine(TempDir.Create(), "shared.db");
        await using var one = await KmipServerHarness.StartAsync(onboard: false, storePath: store, nodeName: "node-1");
        await using var two = await KmipServerHarness.StartAsync(onboard: false, storePath: store, nodeName: "node-2", pki: one.Pki);
        using (var admin = one.Factory.Admin())
        {
            // Both nodes exist before the root key is made, so both get a sealed copy.
            await OnboardSetup.EnableAsync(admin);
        }

        await using var viaOne = one.Client("array-1");
        string uid = await viaOne.CreateSymmetricKeyAsync(256, "cluster-key");
        byte[] material = await viaOne.GetKeyMaterialAsync(uid);

        // node-2's server certificate chains to the CA node-1 wrote: one CA for the cluster.
        var options = two.Options("array-1", caFrom: one.Factory.DataDir);
        await using var viaTwo = await Eventually(() => new KmipClient(options));
        Assert.Equal(material, await viaTwo.GetKeyMaterialAsync(uid));
        await viaTwo.ActivateAsync(uid);
        Assert.Equal(KmipObjectState.Active, (await viaOne.GetAttributesAsync(uid)).State);
    }

    /// <summary>node-2 receives the cluster secret (and so the CA) from node-1 shortly after it starts.</summary>
    private static async Task<KmipClient> Eventually(Func<KmipClient> make)
    {
        for (int attempt = 0; ; attempt++)
        {
            var client = make();
            try
            {
                await client.DiscoverVersionsAsync();
                return client;
            }
            catch (KmipException) when (attempt < 50)
            {
                await client.DisposeAsync();
                await Task.Delay(200);
            }
        }
    }
}
