using Keyhold.Kmip;
using Keyhold.KmipServer;
using Keyhold.Storage;

namespace Keyhold.Tests.KmipServer;

/// <summary>Every KMIP operation is audited: identity, operation, object, result; never material.</summary>
public sealed class KmipAuditTests
{
    [Fact]
    public async Task Operations_and_refusals_are_audited_without_material()
    {
        await using var server = await KmipServerHarness.StartAsync();
        await using var alice = server.Client("alice");
        await using var bob = server.Client("bob");
        string uid = await alice.CreateSymmetricKeyAsync(256, "audited");
        byte[] material = await alice.GetKeyMaterialAsync(uid);
        await Assert.ThrowsAsync<KmipOperationException>(() => bob.DestroyAsync(uid));

        await server.Factory.Service<KmipAuditQueue>().FlushAsync(default);
        var rows = await server.Factory.Service<IStore>().ReadAsync((c, t) => Db.QueryAsync(c, null,
            "SELECT user_name, method, path, status FROM audit WHERE user_name LIKE 'kmip:%'",
            r => (User: r.GetString(0), Method: r.GetString(1), Path: r.GetString(2), Status: Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)), t));
        Assert.Contains(("kmip:alice", "KMIP Create", "/kmip/objects/" + uid, 0), rows);
        Assert.Contains(("kmip:alice", "KMIP Get", "/kmip/objects/" + uid, 0), rows);
        Assert.Contains(("kmip:bob", "KMIP Destroy", "/kmip/objects/" + uid, (int)ResultReason.ItemNotFound), rows);
        string all = string.Join("\n", rows);
        Assert.DoesNotContain(Convert.ToHexString(material), all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(material), all, StringComparison.Ordinal);
    }
}
