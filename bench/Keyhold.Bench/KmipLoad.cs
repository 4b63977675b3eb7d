using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Keyhold.Kmip;

namespace Keyhold.Bench;

/// <summary>
/// Keyhold.Kmip against a KMIP server ($KMIP_HOST/$KMIP_PORT/$KMIP_CA_CERT/$KMIP_CLIENT_CERT/$KMIP_CLIENT_KEY):
/// (a) N sequential Create(AES-256)+Get pairs on one connection, like peers/kmip-server/bench.py;
/// (b) the same N pairs as batches: one message with BATCH Creates, then one with BATCH Gets.
/// </summary>
public static class KmipLoad
{
    public static async Task<int> RunAsync(int n, int batch, string outPath)
    {
        string E(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set");
        using var pem = X509Certificate2.CreateFromPemFile(E("KMIP_CLIENT_CERT"), E("KMIP_CLIENT_KEY"));
        using var cert = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var options = new KmipClientOptions
        {
            Host = E("KMIP_HOST"),
            Port = int.Parse(E("KMIP_PORT")),
            ClientCertificate = cert,
            TrustedCaCertificates = new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(E("KMIP_CA_CERT"))),
        };

        await using var client = new KmipClient(options);
        // warm-up: connect, negotiate, JIT
        for (var i = 0; i < 3; i++)
            await PairAsync(client, null, null);

        var create = new List<double>(n);
        var get = new List<double>(n);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
            await PairAsync(client, create, get);
        var single = sw.Elapsed.TotalSeconds;

        var rounds = Math.Max(1, n / batch);
        sw.Restart();
        for (var r = 0; r < rounds; r++)
        {
            var created = await client.SendBatchAsync([.. Enumerable.Range(0, batch).Select(_ => (KmipOperationRequest)new CreateSymmetricKeyRequest(256))]);
            var uids = created.Select(c => c.GetResponse<UniqueIdentifierResponse>().UniqueIdentifier).ToList();
            var got = await client.SendBatchAsync([.. uids.Select(u => (KmipOperationRequest)new GetRequest(u))]);
            foreach (var g in got)
            {
                if (g.GetResponse<GetResponse>().GetKeyMaterial().Length != 32)
                    throw new InvalidOperationException("short key");
            }
        }
        var batched = sw.Elapsed.TotalSeconds;

        var result = new
        {
            n,
            batch,
            single_pairs_per_s = n / single,
            single_create_p50_ms = Pct(create, 50),
            single_create_p99_ms = Pct(create, 99),
            single_get_p50_ms = Pct(get, 50),
            single_get_p99_ms = Pct(get, 99),
            batch_pairs = rounds * batch,
            batch_pairs_per_s = rounds * batch / batched,
        };
        var json = JsonSerializer.Serialize(result);
        File.WriteAllText(outPath, json);
        Console.WriteLine(json);
        return 0;
    }

    private static async Task PairAsync(KmipClient client, List<double>? create, List<double>? get)
    {
        var t0 = Stopwatch.GetTimestamp();
        var uid = await client.CreateSymmetricKeyAsync(256);
        var t1 = Stopwatch.GetTimestamp();
        var key = await client.GetKeyMaterialAsync(uid);
        var t2 = Stopwatch.GetTimestamp();
        if (key.Length != 32)
            throw new InvalidOperationException("short key");
        create?.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
        get?.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
    }

    private static double Pct(List<double> xs, int p)
    {
        var s = xs.Order().ToList();
        return s[Math.Min(s.Count - 1, (int)(p / 100.0 * s.Count))];
    }
}
