using System.Diagnostics;
using Xunit.Abstractions;

namespace Keyhold.Kmip.Tests;

/// <summary>Create+Get throughput against PyKMIP on one connection, one pair per round trip and batched.</summary>
[Collection(KmipServerCollection.Name)]
public class BenchmarkTests(KmipServerFixture server, ITestOutputHelper output)
{
    private const int Pairs = 60;
    private const int BatchSize = 10;

    [Fact]
    public async Task CreateGetPairs_SequentialAndBatched()
    {
        await using var client = new KmipClient(server.Options(ProtocolVersion.V1_4));
        await client.DiscoverVersionsAsync(); // connect and handshake outside the measurement

        var sw = Stopwatch.StartNew();
        for (int i = 0; i < Pairs; i++)
        {
            string uid = await client.CreateSymmetricKeyAsync(256);
            Assert.Equal(32, (await client.GetKeyMaterialAsync(uid)).Length);
        }

        double sequential = Pairs / sw.Elapsed.TotalSeconds;

        sw.Restart();
        for (int i = 0; i < Pairs; i += BatchSize)
        {
            var creates = await client.SendBatchAsync(
                Enumerable.Range(0, BatchSize).Select(_ => (KmipOperationRequest)new CreateSymmetricKeyRequest(256)).ToList());
            var gets = await client.SendBatchAsync(creates
                .Select(c => (KmipOperationRequest)new GetRequest(c.GetResponse<UniqueIdentifierResponse>().UniqueIdentifier)).ToList());
            Assert.All(gets, g => Assert.Equal(32, g.GetResponse<GetResponse>().GetKeyMaterial().Length));
        }

        double batched = Pairs / sw.Elapsed.TotalSeconds;
        output.WriteLine($"Create+Get pairs/s, one connection: sequential {sequential:F1} ({2 * sequential:F1} ops/s), " +
            $"batches of {BatchSize}: {batched:F1} ({2 * batched:F1} ops/s)");
        Assert.True(sequential > 1 && batched > 1);
    }
}
