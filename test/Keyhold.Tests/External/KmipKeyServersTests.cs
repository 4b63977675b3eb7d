using System.Security.Cryptography;
using Keyhold.Keys;
using Keyhold.External;
using Keyhold.Kmip;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.External;

/// <summary>IKmipKeyServers against PyKMIP: register + activate on every server, get back, revoke + destroy.</summary>
public sealed class KmipKeyServersTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task A_key_registered_on_two_servers_reads_back_and_is_destroyed_everywhere()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A, KmipPeers.A.Server, KmipPeers.A.Alias);
        var km = (await host.Service<KeyManagerRepository>().FindAsync(Guid.Parse(uuid), CancellationToken.None))!;
        var store = host.Service<IKmipKeyServers>();
        var material = RandomNumberGenerator.GetBytes(32);
        var keyId = "keyhold-test-" + Guid.NewGuid().ToString("N");

        var locations = await store.RegisterAsync(km, keyId, material, CancellationToken.None);

        Assert.Equal([KmipPeers.A.Server, KmipPeers.A.Alias], locations.Select(l => l.Server));
        Assert.Equal(material, await store.GetAsync(km, keyId, locations, CancellationToken.None));
        Assert.Equal(material, await store.GetAsync(km, keyId, [("10.255.255.1:5696", "gone"), locations[1]], CancellationToken.None));

        await store.DestroyAsync(km, keyId, locations, CancellationToken.None);
        var error = await Assert.ThrowsAsync<KmipOperationException>(() => store.GetAsync(km, keyId, [locations[0]], CancellationToken.None));
        Assert.Equal(KmipErrorKind.Operation, error.Kind);
        Assert.DoesNotContain(Convert.ToHexString(material), host.Logs.All, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => host.Dispose();
}
