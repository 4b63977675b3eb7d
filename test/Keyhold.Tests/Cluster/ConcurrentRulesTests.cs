using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Kmip;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;
using Xunit.Abstractions;

namespace Keyhold.Tests.Cluster;

/// <summary>
/// Issue 14 scope 2: PostgreSQL keeps Keyhold's rules with its own concurrency (SERIALIZABLE, constraints), not one
/// global lock. Two real `keyhold serve` processes on one database receive the same conflicting writes at the same
/// time; whatever order the database picks, every rule holds in the store afterwards, the losers get the rule's ONTAP
/// error (never a 5xx), and nothing of a refused write is left behind.
/// </summary>
public sealed class ConcurrentRulesTests(ITestOutputHelper output)
{
    private const string Managers = "/api/security/key-managers";

    [SkippableFact]
    public async Task Racing_writers_on_two_nodes_break_no_rule()
    {
        using var db = PostgresDatabase.Create();
        using var a = new KeyholdProcess(TempDir.Create(), Settings(db, "race-a"));
        using var b = new KeyholdProcess(TempDir.Create(), Settings(db, "race-b"));
        using var clientA = a.Client();
        using var clientB = b.Client();
        HttpClient[] nodes = [clientA, clientB];

        // One key manager per scope: eight onboard enables at once, half on each node.
        var enables = await RaceAsync(8, i => nodes[i % 2].PostJsonAsync(Managers, new { onboard = new { passphrase = OnboardSetup.Passphrase } }));
        OneWins(enables, "onboard enable", HttpStatusCode.BadRequest, "65536907");
        Assert.Equal(1L, Scalar(db, "SELECT COUNT(*) FROM key_managers"));
        var km = (string)db.Rows("SELECT uuid FROM key_managers").Single()[0]!;
        (await clientB.PatchJsonAsync($"{Managers}/{km}", new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Passphrase } }))
            .AssertStatus(HttpStatusCode.OK);

        // Unique SVM names.
        var svms = await RaceAsync(8, i => nodes[i % 2].PostJsonAsync("/api/svm/svms", new { name = "race" }));
        OneWins(svms, "SVM create", HttpStatusCode.Conflict, "13434908");
        Assert.Equal(1L, Scalar(db, "SELECT COUNT(*) FROM svms WHERE name = 'race'"));

        // Unique volume names per SVM; a refused volume leaves no key behind.
        var same = await RaceAsync(8, i => nodes[i % 2].PostJsonAsync("/api/storage/volumes", Volume("same")));
        OneWins(same, "volume create", HttpStatusCode.Conflict, "65537410");
        Assert.Equal(1L, Scalar(db, "SELECT COUNT(*) FROM volumes WHERE name = 'same'"));
        Assert.Equal(1L, Scalar(db, "SELECT COUNT(*) FROM keys"));

        // A volume and its key land and go together: creates and deletes from both nodes at once.
        var created = await RaceAsync(24, i => nodes[i % 2].PostJsonAsync("/api/storage/volumes?return_records=true", Volume($"v{i:D2}")));
        Assert.All(created, r => r.AssertStatus(HttpStatusCode.Created));
        var uuids = created.Select(r => r.Body!["records"]![0]!["uuid"]!.GetValue<string>()).ToList();
        var deleted = await RaceAsync(12, i => nodes[(i + 1) % 2].DeleteJsonAsync($"/api/storage/volumes/{uuids[2 * i]}"));
        Assert.All(deleted, r => r.AssertStatus(HttpStatusCode.OK));
        Assert.Equal(1L + 24 - 12, Scalar(db, "SELECT COUNT(*) FROM volumes"));
        Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM volumes v LEFT JOIN keys k ON k.key_id = v.key_id WHERE k.key_id IS NULL"));
        Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM keys k LEFT JOIN volumes v ON v.key_id = k.key_id WHERE v.uuid IS NULL"));

        // Group commit: volume POSTs arriving together share one transaction; a refused one among them (a name taken by
        // a neighbour in the same batch or the one before) fails alone, and the others land, each with its key.
        var mixed = await RaceAsync(24, i => nodes[i % 2].PostJsonAsync("/api/storage/volumes", Volume(i % 4 == 0 ? "mixed_dup" : $"mixed{i:D2}")));
        output.WriteLine($"mixed creates: {string.Join(", ", mixed.Select(r => (int)r.Status))}");
        Assert.All(mixed.Where((_, i) => i % 4 != 0), r => r.AssertStatus(HttpStatusCode.Created));
        OneWins(mixed.Where((_, i) => i % 4 == 0).ToArray(), "same-name creates among others", HttpStatusCode.Conflict, "65537410");
        Assert.Equal(19L, Scalar(db, "SELECT COUNT(*) FROM volumes WHERE name LIKE 'mixed%'"));
        Assert.Equal(19L, Scalar(db, "SELECT COUNT(*) FROM volumes v JOIN keys k ON k.key_id = v.key_id WHERE v.name LIKE 'mixed%' AND k.key_tag = v.name"));
        Assert.Equal(Scalar(db, "SELECT COUNT(*) FROM volumes"), Scalar(db, "SELECT COUNT(*) FROM keys"));

        // One key manager per SVM, and at most four key servers: an SVM's external key manager created from both
        // nodes at once, then six servers added to it at once.
        // Certificates' private keys are wrapped under the cluster secret, which reaches a second node by the node sync
        // (every Keyhold__NodeSyncInterval): wait until both nodes hold it, as an operator adding a node would.
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); Scalar(db, "SELECT COUNT(*) FROM cluster_secret_seals") < 2; await Task.Delay(200))
        {
            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), "the second node never got its copy of the cluster secret");
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // and until it picked up the copy sealed for it (three sync intervals)
        using var pki = new TestPki();
        var first = new FakeKmipServer(FakeKmipServer.Mode.Answer, ProtocolVersion.V1_4);
        List<FakeKmipServer> fakes = [first, .. Enumerable.Range(0, 6).Select(_ => FakeKmipServer.SameCaAs(first))];
        try
        {
            var svm = (string)db.Rows("SELECT uuid FROM svms WHERE name = 'race'").Single()[0]!;
            var (cert, key) = pki.Leaf("race-client");
            var client = await InstallAsync(clientA, new JsonObject { ["type"] = "client", ["public_certificate"] = cert, ["private_key"] = key, ["svm"] = new JsonObject { ["uuid"] = svm } });
            var ca = await InstallAsync(clientA, new JsonObject { ["type"] = "server_ca", ["public_certificate"] = first.CaPem, ["svm"] = new JsonObject { ["uuid"] = svm } });
            var body = ExternalHost.Body(client, [ca], [first.Server], svm).ToJsonString();
            var externals = await RaceAsync(4, i => nodes[i % 2].PostJsonAsync(Managers, body));
            OneWins(externals, "SVM key manager create", HttpStatusCode.BadRequest, "65536823");
            Assert.Equal(1L, Scalar(db, $"SELECT COUNT(*) FROM key_managers WHERE svm_uuid = '{svm}'"));
            var external = (string)db.Rows($"SELECT uuid FROM key_managers WHERE svm_uuid = '{svm}'").Single()[0]!;

            var adds = await RaceAsync(6, i => nodes[i % 2].PostJsonAsync($"{Managers}/{external}/key-servers", new { server = fakes[i + 1].Server }));
            var stored = Scalar(db, $"SELECT COUNT(*) FROM key_servers WHERE key_manager_uuid = '{external}'");
            output.WriteLine($"key-server adds: {string.Join(", ", adds.Select(r => $"{(int)r.Status} {r.Body?["error"]?["code"]} {r.Body?["error"]?["message"]}"))}; stored servers: {stored}");
            Assert.Equal(3, adds.Count(r => r.Status == HttpStatusCode.Created));
            Assert.All(adds.Where(r => r.Status != HttpStatusCode.Created), r => r.AssertError(HttpStatusCode.BadRequest, "65536038"));
            Assert.Equal(4L, stored);
        }
        finally
        {
            fakes.ForEach(f => f.Dispose());
        }
    }

    private static Dictionary<string, string> Settings(PostgresDatabase db, string name) => new()
    {
        ["Keyhold__Store"] = "postgres",
        ["Keyhold__ConnectionString"] = db.ConnectionString,
        ["Keyhold__NodeName"] = name,
        ["Keyhold__NodeSyncInterval"] = "00:00:01",
    };

    private static object Volume(string name) => new { name, svm = new { name = "race" }, encryption = new { enabled = true } };

    private static long Scalar(PostgresDatabase db, string sql) => Convert.ToInt64(db.Rows(sql).Single()[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>All at once: every request is started before any is awaited.</summary>
    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)[]> RaceAsync(
        int count, Func<int, Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)>> send)
    {
        using var start = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await send(i);
        })).ToArray();
        start.Set();
        return await Task.WhenAll(sends);
    }

    /// <summary>Exactly one created; every other attempt refused by the rule, with its ONTAP error.</summary>
    private void OneWins((HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)[] results, string what, HttpStatusCode refused, string code)
    {
        output.WriteLine($"{what}: {string.Join(", ", results.Select(r => (int)r.Status))}");
        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => r.AssertError(refused, code));
    }

    private static async Task<string> InstallAsync(HttpClient client, JsonObject body)
    {
        var installed = await client.PostJsonAsync("/api/security/certificates?return_records=true", body.ToJsonString());
        installed.AssertStatus(HttpStatusCode.Created);
        return installed.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }
}
