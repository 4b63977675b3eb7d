using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Kmip;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// fields=connectivity, which the spec lists among the key managers' expensive properties: each server's connectivity
/// as the monitor last stored it, on the collection and on one record, and only when asked for.
/// </summary>
public sealed class ConnectivityFieldTests : IDisposable
{
    private readonly ExternalHost host = new(connectivityInterval: 1, kmipTimeout: 2);

    [SkippableFact]
    public async Task Fields_connectivity_returns_what_the_monitor_stored_and_follows_a_hung_server()
    {
        using var fake = new FakeKmipServer(FakeKmipServer.Mode.Answer, ProtocolVersion.V1_4);
        var client = await host.InstallAsync("client", KmipPeers.A.ClientCertPem, KmipPeers.A.ClientKeyPem);
        var ca = await host.InstallAsync("server_ca", fake.CaPem);
        var created = await host.CreateAsync(client, ca, fake.Server);
        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();

        var listed = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}?fields=connectivity");
        listed.AssertStatus(HttpStatusCode.OK);
        var record = Assert.Single(listed.Body!["records"]!.AsArray())!;
        Assert.Equal(uuid, record["uuid"]!.GetValue<string>());
        Assert.True(ServerConnectivity(record)["cluster_availability"]!.GetValue<bool>());
        Assert.Null(record["status"]); // only what was named
        Assert.Null((await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}")).Body!["external"]!["servers"]![0]!["connectivity"]);

        fake.Behaviour = FakeKmipServer.Mode.Hang;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonNode one;
        do
        {
            await Task.Delay(250);
            var got = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=connectivity");
            got.AssertStatus(HttpStatusCode.OK);
            one = got.Body!;
        }
        while (ServerConnectivity(one)["cluster_availability"]!.GetValue<bool>() && DateTime.UtcNow < deadline);

        var connectivity = ServerConnectivity(one);
        Assert.False(connectivity["cluster_availability"]!.GetValue<bool>());
        var state = connectivity["records"]![0]!["state"]!.GetValue<string>();
        // The node shares its view through the store once per interval, so the row follows a moment later.
        var stored = "";
        for (var i = 0; i < 40 && stored != state; i++, await Task.Delay(250))
        {
            stored = (string)StoreProbe.Rows(host.DataDir, $"SELECT state FROM node_connectivity WHERE key_manager_uuid = '{uuid}'")[0][0]!;
        }
        Assert.Equal(state, stored);
        Assert.NotEqual("available", state);
    }

    private static JsonNode ServerConnectivity(JsonNode record) => record["external"]!["servers"]![0]!["connectivity"]!;

    public void Dispose() => host.Dispose();
}
