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
            "SELECT user_name, application, input, state, message FROM audit_messages WHERE user_name LIKE 'kmip:%'",
            r => (User: r.GetString(0), Application: r.GetString(1), Input: r.GetString(2), State: r.GetString(3), Message: r.IsDBNull(4) ? null : r.GetString(4)), t));
        Assert.Contains(("kmip:alice", "kmip", "Create " + uid, "success", (string?)null), rows);
        Assert.Contains(("kmip:alice", "kmip", "Get " + uid, "success", (string?)null), rows);
        Assert.Contains(("kmip:bob", "kmip", "Destroy " + uid, "error", "result reason " + (int)ResultReason.ItemNotFound), rows);
        string all = string.Join("\n", rows);
        Assert.DoesNotContain(Convert.ToHexString(material), all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(material), all, StringComparison.Ordinal);
    }
}
