using Keyhold.Ontap;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>Connects to a key server (mutual TLS) and runs Discover Versions: the check before anything is stored.</summary>
public sealed class KmipProbe(ILogger<KmipProbe> log, ExternalMetrics? metrics = null)
{
    /// <summary>Probes every server at once; the first failure in server order is thrown as an ONTAP error.</summary>
    public async Task VerifyAllAsync(KmipIdentity identity, IEnumerable<KeyServer> servers, string target, CancellationToken ct)
    {
        var list = servers.ToList();
        var results = await Task.WhenAll(list.Select(s => TryAsync(identity, s, ct)));
        if (results.FirstOrDefault(r => r is not null) is { } failure)
        {
            throw failure.ToOntap(target);
        }
    }

    /// <summary>Null when the server answered with a version we speak; else the failure.</summary>
    public async Task<ProbeFailure?> TryAsync(KmipIdentity identity, KeyServer server, CancellationToken ct)
    {
        try
        {
            await using var client = new KmipClient(identity.OptionsFor(server));
            var versions = await ExternalMetrics.Time(metrics, server.Server, "discover_versions", () => client.DiscoverVersionsAsync(ct));
            if (!versions.Any(ProtocolVersion.Supported.Contains))
            {
                log.LogWarning("Key server {Server} speaks no KMIP version Keyhold supports ({Versions}).", server.Server, string.Join(", ", versions));
                return new ProbeFailure(null);
            }
            return null;
        }
        catch (KmipException e)
        {
            log.LogWarning("Key server {Server} failed the connectivity check ({Kind}): {Reason}", server.Server, e.Kind, e.Message);
            return new ProbeFailure(e);
        }
    }
}

/// <summary>Why a probe failed: a classified KMIP failure, or (null) no common protocol version.</summary>
public readonly record struct ProbeFailure(KmipException? Error)
{
    public OntapException ToOntap(string target) =>
        Error is null ? OntapErrors.KmipVersionQueryFailed.With(target) : KmipFailures.ToOntap(Error, target);
}
