using System.Net;
using System.Security.Cryptography;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// Issue 12 scope 2: secondaries are used, not only stored. With its primary stopped, a key manager still creates an
/// encrypted volume and reads keys back through the primary's secondary, as ONTAP sends a request to the first secondary
/// when the primary is not available. The stopped primary is a private PyKMIP sibling; the secondary is peer A.
/// </summary>
public sealed class SecondaryFailoverTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Keys_are_registered_and_read_through_the_secondary_while_the_primary_is_down()
    {
        using var sibling = new KmipSibling();
        var uuid = await host.CreateOnAsync(KmipPeers.A, sibling.Server);
        (await host.Admin.PatchJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers/{sibling.Server}", new { secondary_key_servers = new[] { KmipPeers.A.Server } }))
            .AssertStatus(HttpStatusCode.OK);
        sibling.Stop();

        (await host.Admin.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
        (await host.Admin.PostJsonAsync("/api/storage/volumes?return_timeout=30", new { name = "vol1", svm = new { name = "vs1" }, size = 1L << 30, encryption = new { enabled = true } }))
            .AssertStatus(HttpStatusCode.Created);

        // The key is recorded under its primary, with the identifier the secondary gave it, and reads back through it.
        var row = StoreProbe.Rows(host.DataDir, "SELECT key_id, metadata FROM keys").Single();
        var locations = KeyLocations.Read((string)row[1]!);
        Assert.Equal(sibling.Server, Assert.Single(locations).Server);
        var km = (await host.Service<KeyManagerRepository>().FindAsync(Guid.Parse(uuid), default))!;
        var servers = host.Service<IKmipKeyServers>();
        var volumeKey = await servers.GetAsync(km, (string)row[0]!, locations, default);
        Assert.Equal(32, volumeKey.Length);

        var material = RandomNumberGenerator.GetBytes(32);
        var registered = await servers.RegisterAsync(km, "failover-check", material, default);
        Assert.Equal(material, await servers.GetAsync(km, "failover-check", registered, default));
        Assert.Contains($"Key server {sibling.Server} cannot be reached", host.Logs.All, StringComparison.Ordinal);
    }

    public void Dispose() => host.Dispose();
}
