using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Keyhold.Kmip;

namespace Keyhold.Bench;

/// <summary>
/// CONNS Keyhold.Kmip clients, one TLS connection each, against the KMIP server of $KMIP_HOST/$KMIP_PORT (same
/// variables as <see cref="KmipLoad"/>) for SECONDS: "get" fetches one AES-256 key made beforehand, "create" makes
/// AES-256 keys, "register" stores 32 random bytes as an AES-256 key (what Barbican's secret store is compared with). Every answer is checked (32-byte key, an identifier). Prints ops/s and latency percentiles.
/// </summary>
public static class KmipConcurrentLoad
{
    public static async Task<int> RunAsync(string operation, int connections, double seconds, string outPath)
    {
        string E(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set");
        using var pem = X509Certificate2.CreateFromPemFile(E("KMIP_CLIENT_CERT"), E("KMIP_CLIENT_KEY"));
        using var cert = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        KmipClient NewClient() => new(new KmipClientOptions
        {
            Host = E("KMIP_HOST"),
            Port = int.Parse(E("KMIP_PORT")),
            ClientCertificate = cert,
            TrustedCaCertificates = new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(E("KMIP_CA_CERT"))),
            Timeout = TimeSpan.FromSeconds(30),
        });

        var clients = Enumerable.Range(0, connections).Select(_ => NewClient()).ToArray();
        string uid = await clients[0].CreateSymmetricKeyAsync(256);
        // Warm-up: every connection handshakes and runs the operation once before the clock starts.
        await Task.WhenAll(clients.Select(c => OnceAsync(c, operation, uid)));

        var latencies = clients.Select(_ => new List<double>(100_000)).ToArray();
        long errors = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((c, i) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                long t0 = Stopwatch.GetTimestamp();
                try
                {
                    await OnceAsync(c, operation, uid);
                    latencies[i].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (KmipException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        double elapsed = clock.Elapsed.TotalSeconds;
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Pct(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p / 100 * all.Length))];
        var result = new
        {
            operation,
            connections,
            seconds = elapsed,
            ops = all.Length,
            errors,
            ops_per_s = all.Length / elapsed,
            p50_ms = Pct(50),
            p99_ms = Pct(99),
            max_ms = all.Length == 0 ? double.NaN : all[^1],
        };
        string json = JsonSerializer.Serialize(result);
        File.WriteAllText(outPath, json);
        Console.WriteLine(json);
        return errors == 0 ? 0 : 1;
    }

    private static async Task OnceAsync(KmipClient client, string operation, string uid)
    {
        if (operation == "get")
        {
            if ((await client.GetKeyMaterialAsync(uid)).Length != 32)
                throw new InvalidOperationException("short key");
        }
        else if (operation == "register")
        {
            if (string.IsNullOrEmpty(await client.RegisterSymmetricKeyAsync(RandomNumberGenerator.GetBytes(32))))
                throw new InvalidOperationException("no identifier");
        }
        else if (string.IsNullOrEmpty(await client.CreateSymmetricKeyAsync(256)))
        {
            throw new InvalidOperationException("no identifier");
        }
    }
}
