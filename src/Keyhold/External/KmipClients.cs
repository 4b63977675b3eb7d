using System.Collections.Concurrent;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Certificates;
using Keyhold.Kmip;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>
/// One pooled <see cref="KmipClient"/> per (key manager, server), built from the stored certificates and credentials.
/// Each lookup compares the stored configuration with the one the client was built from, so a change made on
/// any node (new certificate, timeout, password) gives a fresh client; the old one is disposed.
/// </summary>
public sealed class KmipClients(ExternalRepository repository, ExternalCertificates certificates, CertificateService certs, ClusterSecret secret,
    IOptions<ExternalOptions> options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(Guid, string), Pooled> pool = new();
    private readonly SemaphoreSlim build = new(1, 1);

    /// <summary>The configured servers of <paramref name="km"/>, in order, with a client for each.</summary>
    public async Task<List<(KeyServer Server, KmipClient Client)>> ForAsync(KeyManager km, CancellationToken ct)
    {
        var config = await repository.LoadAsync(km.Uuid, ct) ?? throw new InvalidOperationException($"Key manager {km.Uuid} is not external.");
        var result = new List<(KeyServer, KmipClient)>();
        foreach (var server in config.Servers)
        {
            result.Add((server, await GetAsync(config, server, ct)));
        }
        return result;
    }

    /// <summary>
    /// Clients for the secondaries of <paramref name="primary"/>, in order, with the primary's certificates and credentials
    /// (a clustered key server shares them).
    /// </summary>
    public async Task<List<(string Address, KmipClient Client)>> SecondariesAsync(KeyManager km, KeyServer primary, CancellationToken ct)
    {
        var config = await repository.LoadAsync(km.Uuid, ct) ?? throw new InvalidOperationException($"Key manager {km.Uuid} is not external.");
        var result = new List<(string, KmipClient)>();
        foreach (var secondary in primary.Secondaries)
        {
            result.Add((secondary, await GetAsync(config, primary, ct, ServerAddress.Parse(secondary, "secondary_key_servers"))));
        }
        return result;
    }

    public async Task EvictAsync(Guid keyManager)
    {
        foreach (var key in pool.Keys.Where(k => k.Item1 == keyManager))
        {
            if (pool.TryRemove(key, out var old))
            {
                await old.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pooled in pool.Values)
        {
            await pooled.DisposeAsync();
        }
        pool.Clear();
        build.Dispose();
    }

    private async Task<KmipClient> GetAsync(ExternalConfig config, KeyServer server, CancellationToken ct, ServerAddress? at = null)
    {
        var stamp = Stamp(config, server);
        var key = (config.KeyManagerUuid, at is { } secondary ? $"{server.Server}>{secondary}" : server.Server);
        if (pool.TryGetValue(key, out var current) && current.Stamp == stamp)
        {
            return current.Client;
        }
        await build.WaitAsync(ct);
        try
        {
            if (pool.TryGetValue(key, out current) && current.Stamp == stamp)
            {
                return current.Client;
            }
            var identity = await LoadIdentityAsync(config, ct);
            var fresh = new Pooled(stamp, new KmipClient(identity.OptionsFor(server, at)), identity);
            pool[key] = fresh;
            if (current is not null)
            {
                await current.DisposeAsync();
            }
            return fresh.Client;
        }
        finally
        {
            build.Release();
        }
    }

    private async Task<KmipIdentity> LoadIdentityAsync(ExternalConfig config, CancellationToken ct)
    {
        var client = await certificates.FindAsync(config.ClientCertificate, ct) ?? throw new InvalidOperationException("Client certificate missing.");
        var cas = new List<StoredCertificate>();
        foreach (var ca in config.ServerCas)
        {
            cas.Add(await certificates.FindAsync(ca, ct) ?? throw new InvalidOperationException("Server CA certificate missing."));
        }
        return KmipIdentity.Load(certs, client, cas, secret, options.Value);
    }

    // Everything a client is built from; the wrapped password changes whenever the password does.
    private static string Stamp(ExternalConfig config, KeyServer server) =>
        $"{config.ClientCertificate}|{string.Join(',', config.ServerCas)}|{server.Timeout}|{server.Username}|{Convert.ToBase64String(server.WrappedPassword ?? [])}";

    private sealed record Pooled(string Stamp, KmipClient Client, KmipIdentity Identity) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            Identity.Dispose();
        }
    }
}
