using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Observability;

/// <summary>Key-server connectivity and KMIP round trips in /metrics, against real PyKMIP servers and a real `keyhold serve`.</summary>
public sealed class KmipMetricsTests
{
    [SkippableFact]
    public async Task The_connectivity_gauge_drops_when_a_key_server_stops_and_round_trips_are_counted_by_result()
    {
        // KmipPeers decides whether PyKMIP is there, as for every KMIP test (skipped with its reason when it is not).
        var sibling = KmipPeers.StartSiblingOfA(TempDir.Create());
        try
        {
            using var node = new ObservedNode(new Dictionary<string, string>
            {
                ["Keyhold__ConnectivityInterval"] = "1",
                ["Keyhold__KmipConnectTimeout"] = "2",
            });
            using var admin = node.Client();
            var client = await InstallAsync(admin, new JsonObject { ["type"] = "client", ["public_certificate"] = sibling.ClientCertPem, ["private_key"] = sibling.ClientKeyPem });
            var ca = await InstallAsync(admin, new JsonObject { ["type"] = "server_ca", ["public_certificate"] = sibling.CaPem });
            var created = await admin.PostJsonAsync(ExternalHost.Managers + "?return_records=true", ExternalHost.Body(client, [ca], [sibling.Server]).ToJsonString());
            created.AssertStatus(HttpStatusCode.Created);
            var manager = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
            var labels = new[] { ("key_manager", manager), ("server", sibling.Server) };

            var up = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "keyhold_key_server_connectivity", labels) == 1);
            Assert.Equal(1, Prometheus.Sample(up, "keyhold_key_server_connectivity", labels));
            Assert.True(Prometheus.Sample(up, "keyhold_kmip_client_round_trips_total",
                ("server", sibling.Server), ("operation", "discover_versions"), ("result", "success")) >= 1);
            (await node.Anonymous().GetJsonAsync("/health/ready")).AssertStatus(HttpStatusCode.OK);

            KmipPeers.Stop(sibling);

            var down = await Prometheus.EventuallyAsync(admin, t => Prometheus.Sample(t, "keyhold_key_server_connectivity", labels) == 0);
            Assert.Equal(0, Prometheus.Sample(down, "keyhold_key_server_connectivity", labels));
            Assert.True(Prometheus.Sample(down, "keyhold_kmip_client_round_trips_total",
                ("server", sibling.Server), ("operation", "discover_versions"), ("result", "network")) >= 1);
            // Reported, not required: the node stays ready, degraded, and names the server.
            var health = await node.Anonymous().GetJsonAsync("/health/ready");
            health.AssertStatus(HttpStatusCode.OK);
            Assert.Equal("degraded", health.Body!["checks"]!["key_servers"]!["status"]!.GetValue<string>());
            Assert.Equal([sibling.Server], health.Body["checks"]!["key_servers"]!["data"]!["unreachable_servers"]!.AsArray().Select(s => s!.GetValue<string>()));
            // The REST view agrees with the gauge.
            var rest = await admin.GetJsonAsync($"{ExternalHost.Managers}/{manager}/key-servers/{sibling.Server}?fields=connectivity");
            Assert.Equal("not_responding", rest.Body!["connectivity"]!["records"]![0]!["state"]!.GetValue<string>());
        }
        finally
        {
            KmipPeers.Stop(sibling);
        }
    }

    private static async Task<string> InstallAsync(HttpClient admin, JsonObject body)
    {
        var created = await admin.PostJsonAsync("/api/security/certificates?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }
}
