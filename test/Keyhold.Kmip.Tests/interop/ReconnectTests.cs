namespace Keyhold.Kmip.Tests;

/// <summary>The pooled connection is replaced transparently when the link drops between calls.</summary>
[Collection(KmipServerCollection.Name)]
public class ReconnectTests(KmipServerFixture server)
{
    [SkippableFact]
    public async Task DroppedConnection_IsReplacedOnNextCall()
    {
        using var proxy = new CuttableProxy(server.Host, server.Port);
        KmipClientOptions o = server.Options(ProtocolVersion.V1_4);
        await using var client = new KmipClient(new KmipClientOptions
        {
            Host = o.Host, Port = proxy.Port, ClientCertificate = o.ClientCertificate, TrustedCaCertificates = o.TrustedCaCertificates,
            ProtocolVersion = o.ProtocolVersion,
        });

        string uid = await client.CreateSymmetricKeyAsync(128);
        Assert.Equal(16, (await client.GetKeyMaterialAsync(uid)).Length);
        Assert.Equal(1, proxy.Accepted);

        proxy.CutAll();
        await Task.Delay(100);

        // Both an idempotent and a state-changing call work again, over one new connection.
        Assert.Equal(16, (await client.GetKeyMaterialAsync(uid)).Length);
        await client.DestroyAsync(uid);
        Assert.Equal(2, proxy.Accepted);
    }

    [SkippableFact]
    public async Task ServerUnreachableAfterDrop_IsNetwork()
    {
        var proxy = new CuttableProxy(server.Host, server.Port);
        KmipClientOptions o = server.Options(ProtocolVersion.V1_4);
        await using var client = new KmipClient(new KmipClientOptions
        {
            Host = o.Host, Port = proxy.Port, ClientCertificate = o.ClientCertificate, TrustedCaCertificates = o.TrustedCaCertificates,
            ProtocolVersion = o.ProtocolVersion, Timeout = TimeSpan.FromSeconds(3),
        });
        await client.DiscoverVersionsAsync();
        proxy.Dispose();
        var e = await Assert.ThrowsAnyAsync<KmipException>(() => client.DiscoverVersionsAsync());
        Assert.True(e.Kind == KmipErrorKind.Network, e.ToString());
    }
}
