using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Keyhold.Kmip;

namespace Keyhold.Bench;

/// <summary>
/// What one Create+Get pair on one connection is made of, against the KMIP server of $KMIP_HOST/$KMIP_PORT (the
/// variables of <see cref="KmipLoad"/>). After WARM seconds of pairs (the server's JIT reaches its final tier), N of
/// each, interleaved so a burst of other work on the box hits every part alike:
/// <list type="bullet">
/// <item>discover: Discover Versions, the round trip with no store behind it (TLS, framing, decode, encode, audit);</item>
/// <item>get_old: Get of a key served before (a store read and an unwrap);</item>
/// <item>create: Create of an AES-256 key (acknowledged after its durable commit);</item>
/// <item>get_fresh: the Get right after that Create (the first Get of an object also clears its Fresh attribute);</item>
/// <item>pair: create + get_fresh, as the pair bench times it;</item>
/// <item>get_old_after_create: Get of the old key right after another Create: get_fresh without the Fresh mark, so the two
/// tell the mark's cost from what any request pays after a wait on the disk (threads asleep on both sides).</item>
/// </list>
/// Prints p50/p90 in microseconds per part and the pairs/s the pair medians imply.
/// </summary>
public static class KmipParts
{
    public static async Task<int> RunAsync(int n, double warmSeconds, string outPath)
    {
        string E(string name) => Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set");
        using var pem = X509Certificate2.CreateFromPemFile(E("KMIP_CLIENT_CERT"), E("KMIP_CLIENT_KEY"));
        using var cert = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        await using var client = new KmipClient(new KmipClientOptions
        {
            Host = E("KMIP_HOST"),
            Port = int.Parse(E("KMIP_PORT")),
            ClientCertificate = cert,
            TrustedCaCertificates = new X509Certificate2Collection(X509CertificateLoader.LoadCertificateFromFile(E("KMIP_CA_CERT"))),
        });

        string old = await client.CreateSymmetricKeyAsync(256);
        await client.GetKeyMaterialAsync(old);
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < warmSeconds)
        {
            await client.GetKeyMaterialAsync(await client.CreateSymmetricKeyAsync(256));
            await client.DiscoverVersionsAsync();
        }

        var parts = new Dictionary<string, List<double>>
        {
            ["discover"] = new(n), ["get_old"] = new(n), ["create"] = new(n), ["get_fresh"] = new(n), ["pair"] = new(n),
            ["get_old_after_create"] = new(n),
        };
        var total = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await client.DiscoverVersionsAsync();
            long t1 = Stopwatch.GetTimestamp();
            Check(await client.GetKeyMaterialAsync(old));
            long t2 = Stopwatch.GetTimestamp();
            string uid = await client.CreateSymmetricKeyAsync(256);
            long t3 = Stopwatch.GetTimestamp();
            Check(await client.GetKeyMaterialAsync(uid));
            long t4 = Stopwatch.GetTimestamp();
            await client.CreateSymmetricKeyAsync(256);
            long t5 = Stopwatch.GetTimestamp();
            Check(await client.GetKeyMaterialAsync(old));
            long t6 = Stopwatch.GetTimestamp();
            parts["discover"].Add(Us(t0, t1));
            parts["get_old"].Add(Us(t1, t2));
            parts["create"].Add(Us(t2, t3));
            parts["get_fresh"].Add(Us(t3, t4));
            parts["pair"].Add(Us(t2, t4));
            parts["get_old_after_create"].Add(Us(t5, t6));
        }

        var result = new Dictionary<string, object>
        {
            ["n"] = n,
            ["warm_s"] = warmSeconds,
            ["seconds"] = total.Elapsed.TotalSeconds,
        };
        foreach (var (name, xs) in parts)
        {
            result[name + "_p50_us"] = Math.Round(Pct(xs, 50), 1);
            result[name + "_p90_us"] = Math.Round(Pct(xs, 90), 1);
        }
        result["pair_mean_us"] = Math.Round(parts["pair"].Average(), 1);
        result["pairs_per_s_from_mean"] = Math.Round(1e6 / parts["pair"].Average(), 1);
        string json = JsonSerializer.Serialize(result);
        File.WriteAllText(outPath, json);
        Console.WriteLine(json);
        return 0;
    }

    private static void Check(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new InvalidOperationException("short key");
        }
    }

    private static double Us(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMicroseconds;

    private static double Pct(List<double> xs, int p)
    {
        var s = xs.Order().ToList();
        return s[Math.Min(s.Count - 1, (int)(p / 100.0 * s.Count))];
    }
}
