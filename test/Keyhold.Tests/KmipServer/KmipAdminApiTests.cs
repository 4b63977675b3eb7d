using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KmipServer;

/// <summary>/api/kmip: objects' metadata with ONTAP's collection conventions, never material; clients seen; the listener.</summary>
public sealed class KmipAdminApiTests
{
    [Fact]
    public async Task Objects_clients_and_the_listener_are_visible_to_administrators_without_material()
    {
        await using var server = await KmipServerHarness.StartAsync();
        await using var alice = server.Client("alice");
        await using var bob = server.Client("bob");
        string a1 = await alice.CreateSymmetricKeyAsync(256, "a-one");
        string a2 = await alice.CreateSymmetricKeyAsync(128, "a-two");
        string b1 = await bob.CreateSymmetricKeyAsync(256, "b-one");
        byte[] material = await alice.GetKeyMaterialAsync(a1);
        using var admin = server.Factory.Admin();

        var mine = await admin.GetJsonAsync("/api/kmip/objects?owner=alice&fields=*&order_by=name");
        mine.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, mine.Body!["num_records"]!.GetValue<int>());
        Assert.Equal([a1, a2], mine.Body["records"]!.AsArray().Select(r => r!["uid"]!.GetValue<string>()));
        Assert.Equal("symmetric_key", mine.Body["records"]![0]!["object_type"]!.GetValue<string>());
        Assert.Equal("pre_active", mine.Body["records"]![0]!["state"]!.GetValue<string>());

        var everyone = await admin.GetJsonAsync("/api/kmip/objects");
        Assert.Equal(new[] { a1, a2, b1 }.Order(StringComparer.Ordinal), everyone.Body!["records"]!.AsArray().Select(r => r!["uid"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var page = await admin.GetJsonAsync("/api/kmip/objects?max_records=1");
        Assert.Equal(1, page.Body!["num_records"]!.GetValue<int>());
        Assert.NotNull(page.Body["_links"]!["next"]);

        var one = await admin.GetJsonAsync($"/api/kmip/objects/{a1}?fields=**");
        one.AssertStatus(HttpStatusCode.OK);
        string json = one.Body!.ToJsonString();
        Assert.Contains("\"Digest\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(material), json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(material), json, StringComparison.Ordinal);

        (await admin.GetJsonAsync("/api/kmip/objects/no-such-uid")).AssertError(HttpStatusCode.NotFound, "4");
        (await admin.GetJsonAsync("/api/kmip/objects?colour=blue")).AssertError(HttpStatusCode.BadRequest, "262179");

        var clients = await admin.GetJsonAsync("/api/kmip/clients?fields=*");
        Assert.Equal(["alice", "bob"], clients.Body!["records"]!.AsArray().Select(r => r!["identity"]!.GetValue<string>()).Order());

        var listener = await admin.GetJsonAsync("/api/kmip/server?fields=*");
        Assert.True(listener.Body!["listening"]!.GetValue<bool>());
        Assert.Equal(server.Port, listener.Body["port"]!.GetValue<int>());
        Assert.Contains("BEGIN CERTIFICATE", listener.Body["ca_certificate"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
