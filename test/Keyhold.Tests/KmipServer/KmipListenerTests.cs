using System.Security.Cryptography;
using Keyhold.Kmip;
using Keyhold.KmipObjects;
using Keyhold.Storage;

namespace Keyhold.Tests.KmipServer;

/// <summary>The listener over real mutual TLS with Keyhold.Kmip's client: what comes back and what the store holds.</summary>
public sealed class KmipListenerTests
{
    [Fact]
    public async Task Discover_versions_create_get_over_mutual_tls_and_the_store_holds_only_wrapped_material()
    {
        await using var server = await KmipServerHarness.StartAsync();
        await using var client = server.Client("tenant-a");

        var versions = await client.DiscoverVersionsAsync();
        Assert.Equal(ProtocolVersion.Supported, versions);

        string uid = await client.CreateSymmetricKeyAsync(256, "disk-key-1");
        byte[] material = await client.GetKeyMaterialAsync(uid);
        Assert.Equal(32, material.Length);

        var store = server.Factory.Service<IStore>();
        var row = await store.ReadAsync((c, t) => KmipObjectRepository.FindAsync(c, null, uid, t));
        Assert.NotNull(row);
        Assert.Equal("tenant-a", row!.Owner);
        Assert.Equal(KmipObjectState.PreActive, row.State);
        Assert.NotNull(row.Wrapped);
        Assert.Equal(-1, row.Wrapped!.AsSpan().IndexOf(material));
        Assert.Equal(-1, row.Attributes.Encode().AsSpan().IndexOf(material));
        Assert.Equal("disk-key-1", row.FirstName);

        // The Digest attribute is SHA-256 of the material the client got.
        var digest = row.Attributes.Find("Digest")!.ValueElement().Find(Keyhold.Kmip.Codec.KmipTag.DigestValue)!.GetBytes();
        Assert.Equal(SHA256.HashData(material), digest);
    }

    [Fact]
    public async Task Lifecycle_register_locate_activate_revoke_destroy()
    {
        await using var server = await KmipServerHarness.StartAsync();
        await using var client = server.Client("tenant-a");

        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string uid = await client.RegisterSecretDataAsync(secret, "nse-ak-1");
        Assert.Equal(secret, await client.GetKeyMaterialAsync(uid));
        Assert.Equal([uid], await client.LocateByNameAsync("nse-ak-1"));

        await client.ActivateAsync(uid);
        var attributes = await client.GetAttributesAsync(uid);
        Assert.Equal(KmipObjectState.Active, attributes.State);
        Assert.NotNull(attributes.ActivationDate);

        // Active objects are not destroyed: revoke first.
        var refused = await Assert.ThrowsAsync<KmipOperationException>(() => client.DestroyAsync(uid));
        Assert.Equal(ResultReason.PermissionDenied, refused.Reason);

        await client.RevokeAsync(uid, RevocationReasonCode.CessationOfOperation);
        Assert.Equal(KmipObjectState.Deactivated, (await client.GetAttributesAsync(uid)).State);
        await client.DestroyAsync(uid);

        var gone = await Assert.ThrowsAsync<KmipOperationException>(() => client.GetAsync(uid));
        Assert.Equal(ResultReason.ItemNotFound, gone.Reason);
        var store = server.Factory.Service<IStore>();
        Assert.Null(await store.ReadAsync((c, t) => KmipObjectRepository.FindAsync(c, null, uid, t)));
    }
}
