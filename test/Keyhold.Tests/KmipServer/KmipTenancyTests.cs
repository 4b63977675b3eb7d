using Keyhold.Kmip;
using Keyhold.KmipObjects;
using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KmipServer;

/// <summary>Two client certificates of one CA: each identity sees and touches only what it made.</summary>
public sealed class KmipTenancyTests
{
    [Fact]
    public async Task Another_identity_can_neither_see_nor_touch_an_object()
    {
        await using var server = await KmipServerHarness.StartAsync();
        await using var alice = server.Client("alice");
        await using var bob = server.Client("bob");
        string uid = await alice.CreateSymmetricKeyAsync(256, "shared-name");
        string bobs = await bob.CreateSymmetricKeyAsync(128, "shared-name");

        foreach (Func<Task> attempt in new Func<Task>[]
        {
            () => bob.GetAsync(uid),
            () => bob.GetAttributesAsync(uid),
            () => bob.ActivateAsync(uid),
            () => bob.RevokeAsync(uid, RevocationReasonCode.KeyCompromise),
            () => bob.DestroyAsync(uid),
        })
        {
            var refused = await Assert.ThrowsAsync<KmipOperationException>(attempt);
            Assert.Equal(ResultReason.ItemNotFound, refused.Reason);
        }

        Assert.Equal([bobs], await bob.LocateByNameAsync("shared-name"));
        Assert.Equal([uid], await alice.LocateByNameAsync("shared-name"));

        // Nothing bob tried changed alice's object.
        var row = await server.Factory.Service<IStore>().ReadAsync((c, t) => KmipObjectRepository.FindAsync(c, null, uid, t));
        Assert.Equal("alice", row!.Owner);
        Assert.Equal(KmipObjectState.PreActive, row.State);
        Assert.False(row.Attributes.Has("Revocation Reason"));
        Assert.Equal(32, (await alice.GetKeyMaterialAsync(uid)).Length);
    }

    [Fact]
    public async Task A_certificate_from_another_ca_is_refused_every_operation()
    {
        await using var server = await KmipServerHarness.StartAsync();
        using var stranger = new TestPki("Some other CA");
        await using var client = server.Client("alice", issuer: stranger);
        var failure = await Assert.ThrowsAnyAsync<KmipException>(() => client.DiscoverVersionsAsync());
        Assert.Equal(KmipErrorKind.ClientCertificateRejected, failure.Kind);
    }

    [Fact]
    public async Task Without_the_onboard_key_manager_create_and_register_fail_clearly_and_store_nothing()
    {
        await using var server = await KmipServerHarness.StartAsync(onboard: false);
        await using var client = server.Client("alice");
        var create = await Assert.ThrowsAsync<KmipOperationException>(() => client.CreateSymmetricKeyAsync(256, "k"));
        Assert.Equal(ResultReason.GeneralFailure, create.Reason);
        Assert.Contains("onboard key manager", create.ResultMessage, StringComparison.Ordinal);
        var register = await Assert.ThrowsAsync<KmipOperationException>(() => client.RegisterSecretDataAsync(new byte[32], "s"));
        Assert.Contains("onboard key manager", register.ResultMessage, StringComparison.Ordinal);
        long count = await server.Factory.Service<IStore>().ReadAsync(async (c, t) =>
            Convert.ToInt64(await Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM kmip_objects", t), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, count);
    }
}
