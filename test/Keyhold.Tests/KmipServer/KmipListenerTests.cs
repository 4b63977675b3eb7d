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

    /// <summary>
    /// The first Get answers before its Fresh mark is stored (the connection's next item waits for it): whatever the
    /// client asks next, in the same message or the next one, and the store, show the object no longer fresh.
    /// </summary>
    [Fact]
    public async Task The_first_get_clears_fresh_before_the_clients_next_item_and_in_the_store()
    {
        await using var server = await KmipServerHarness.StartAsync();
        var store = server.Factory.Service<IStore>();
        async Task<bool?> StoredFresh(string uid) =>
            (await store.ReadAsync((c, t) => KmipObjectRepository.FindAsync(c, null, uid, t)))!.Attributes.Find("Fresh") is { } f ? f.Value[^1] == 1 : null;

        string served, untouched, batched, left;
        await using (var client = server.Client("tenant-a"))
        {
            served = await client.CreateSymmetricKeyAsync(256);
            untouched = await client.CreateSymmetricKeyAsync(256);
            Assert.True((await client.GetAttributesAsync(served)).Fresh);

            Assert.Equal(32, (await client.GetKeyMaterialAsync(served)).Length);
            Assert.False((await client.GetAttributesAsync(served)).Fresh);
            Assert.True((await client.GetAttributesAsync(untouched)).Fresh);

            // Get and Get Attributes in one message: the second item sees the first one's mark.
            batched = await client.CreateSymmetricKeyAsync(256);
            var items = await client.SendBatchAsync([new GetRequest(batched), new GetAttributesRequest(batched)]);
            Assert.Equal(32, items[0].GetResponse<GetResponse>().GetKeyMaterial().Length);
            Assert.False(items[1].GetResponse<GetAttributesResponse>().Attributes.Fresh);

            // The last answer of a connection: the client leaves at once, the mark still lands.
            left = await client.CreateSymmetricKeyAsync(256);
            Assert.Equal(32, (await client.GetKeyMaterialAsync(left)).Length);
        }

        Assert.False(await StoredFresh(served));
        Assert.False(await StoredFresh(batched));
        Assert.True(await StoredFresh(untouched));
        // Bounded by what a broken build would take (never), not by latency.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await StoredFresh(left) != false && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.False(await StoredFresh(left));
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
