using System.Diagnostics;
using System.Net;
using Keyhold.Kmip;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>connectivity and status come from the background monitor, so they change when a server goes away and never wait on it.</summary>
public sealed class ExternalConnectivityTests : IDisposable
{
    private readonly ExternalHost host = new(connectivityInterval: 1, kmipTimeout: 3);

    [SkippableFact]
    public async Task A_stopped_server_becomes_not_responding_and_the_status_names_it()
    {
        var sibling = KmipPeers.StartSiblingOfA(TempDir.Create());
        try
        {
            var uuid = await host.CreateOnAsync(KmipPeers.A, KmipPeers.A.Server, sibling.Server);
            var siblingUrl = $"{ExternalHost.Managers}/{uuid}/key-servers/{sibling.Server}?fields=connectivity";
            var before = await host.Admin.GetJsonAsync(siblingUrl);
            Assert.True(before.Body!["connectivity"]!["cluster_availability"]!.GetValue<bool>());

            KmipPeers.Stop(sibling);

            var connectivity = await EventuallyAsync(siblingUrl, b => b["connectivity"]!["records"] is not null);
            var record = connectivity["connectivity"]!["records"]![0]!;
            Assert.Equal("not_responding", record["state"]!.GetValue<string>());
            Assert.False(connectivity["connectivity"]!["cluster_availability"]!.GetValue<bool>());
            Assert.NotNull(record["node"]!["uuid"]);
            var status = (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=status")).Body!["status"]!;
            Assert.Equal(65537202, status["code"]!.GetValue<long>());
            Assert.Contains(sibling.Server, status["message"]!.GetValue<string>());
            Assert.DoesNotContain(KmipPeers.A.Server, status["message"]!.GetValue<string>());
            var list = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers?fields=connectivity&connectivity.cluster_availability=true");
            Assert.Equal([KmipPeers.A.Server], list.Body!["records"]!.AsArray().Select(r => r!["server"]!.GetValue<string>()));
        }
        finally
        {
            KmipPeers.Stop(sibling);
        }
    }

    [SkippableFact]
    public async Task Status_answers_without_waiting_on_a_configured_server_that_hangs()
    {
        using var fake = new FakeKmipServer(FakeKmipServer.Mode.Answer, ProtocolVersion.V1_4);
        var client = await host.InstallAsync("client", KmipPeers.A.ClientCertPem, KmipPeers.A.ClientKeyPem);
        var ca = await host.InstallAsync("server_ca", fake.CaPem);
        var created = await host.CreateAsync(client, ca, fake.Server);
        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();

        fake.Behaviour = FakeKmipServer.Mode.Hang;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=status,external.servers.connectivity")).AssertStatus(HttpStatusCode.OK);
            // A GET that waited on the hung server would take its 10 s timeout; 3 s leaves room for a busy 2-core machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"GET took {clock.Elapsed}");
            await Task.Delay(500);
        }
        var status = await EventuallyAsync($"{ExternalHost.Managers}/{uuid}?fields=status", b => b["status"]!["code"]!.GetValue<long>() != 0);
        Assert.Contains(fake.Server, status["status"]!["message"]!.GetValue<string>());
    }

    private async Task<System.Text.Json.Nodes.JsonNode> EventuallyAsync(string url, Func<System.Text.Json.Nodes.JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var got = await host.Admin.GetJsonAsync(url);
            got.AssertStatus(HttpStatusCode.OK);
            if (done(got.Body!) || DateTime.UtcNow > deadline)
            {
                return got.Body!;
            }
            await Task.Delay(250);
        }
    }

    public void Dispose() => host.Dispose();
}
