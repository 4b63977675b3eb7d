using System.Security.Cryptography.X509Certificates;
using Keyhold.Kmip;
using Keyhold.Tests.Support;
using Xunit.Abstractions;

namespace Keyhold.Tests.Kmip.Conformance;

/// <summary>
/// The runner proven on a server whose results are published before Keyhold's own KMIP server is measured with it:
/// PyKMIP 0.10 passes, at KMIP 1.4, SKLC 0/3, SKFF 3/12, OMOS 0/1, SASED 0/3, TL 0/3 and AKLC 0/3
/// (test/kmip-vectors/README.md). Each profile runs on a fresh server. Getting exactly those counts shows the runner can
/// both pass a file and fail one.
/// </summary>
public class PyKmipVectorTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, (int Passed, int Files)> Published = new()
    {
        ["AKLC"] = (0, 3), ["OMOS"] = (0, 1), ["SASED"] = (0, 3), ["SKFF"] = (3, 12), ["SKLC"] = (0, 3), ["TL"] = (0, 3),
    };

    [SkippableFact]
    public async Task PyKMIP_gets_its_published_counts_of_the_handed_over_1_4_files()
    {
        _ = KmipPeers.A;
        var counts = new Dictionary<string, (int, int)>();
        foreach (var profile in VectorFile.Profiles(Path.Combine(VectorFile.Root, "v1.4")))
        {
            using var server = new KmipSibling();
            var results = await new VectorReplayer(ct => Connect(server.Peer, ct)).ReplayProfileAsync(profile);
            foreach (var result in results)
            {
                output.WriteLine(result.ToString());
            }
            counts[profile[0].Profile] = (results.Count(r => r.Passed), results.Count);
        }
        Assert.Equal(Published.OrderBy(p => p.Key), counts.OrderBy(c => c.Key));
    }

    public static Task<KmipRawConnection> Connect(KmipPeer peer, CancellationToken ct) => KmipRawConnection.OpenAsync(new KmipClientOptions
    {
        Host = peer.Host,
        Port = peer.Port,
        ClientCertificate = X509Certificate2.CreateFromPem(peer.ClientCertPem, peer.ClientKeyPem),
        TrustedCaCertificates = [X509Certificate2.CreateFromPem(peer.CaPem)],
        Timeout = TimeSpan.FromSeconds(20),
    }, ct);
}
