using Keyhold.Keys;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>
/// <see cref="IKmipKeyServers"/> over the pooled KMIP clients: Register + Activate on each server, Get from the
/// first that answers, Revoke + Destroy everywhere. Key material is never logged.
/// </summary>
public sealed class KmipKeyServers(KmipClients clients, ILogger<KmipKeyServers> log, ExternalMetrics? metrics = null) : IKmipKeyServers
{
    public async Task<IReadOnlyList<(string Server, string KmipUid)>> RegisterAsync(KeyManager km, string keyId, byte[] material, CancellationToken ct)
    {
        var locations = new List<(string, string)>();
        KmipException? last = null;
        foreach (var (server, client) in await clients.ForAsync(km, ct))
        {
            try
            {
                var uid = await ExternalMetrics.Time(metrics, server.Server, "register", () => client.RegisterSymmetricKeyAsync(material, keyId, ct));
                await ActivateOrDestroyAsync(server.Server, client, uid, ct);
                locations.Add((server.Server, uid));
            }
            catch (KmipException e)
            {
                log.LogWarning("Key {KeyId} could not be registered on key server {Server} ({Kind}): {Reason}", keyId, server.Server, e.Kind, e.Message);
                last = e;
            }
        }
        return locations.Count > 0 ? locations : throw last ?? new KmipException(KmipErrorKind.Network, "The key manager has no key servers.");
    }

    public async Task<byte[]> GetAsync(KeyManager km, string keyId, IReadOnlyList<(string Server, string KmipUid)> locations, CancellationToken ct)
    {
        var byServer = (await clients.ForAsync(km, ct)).ToDictionary(p => p.Server.Server, p => p.Client);
        KmipException? last = null;
        foreach (var (server, uid) in locations)
        {
            if (!byServer.TryGetValue(server, out var client))
            {
                continue; // the server was removed from the key manager
            }
            try
            {
                return await ExternalMetrics.Time(metrics, server, "get", () => client.GetKeyMaterialAsync(uid, ct));
            }
            catch (KmipException e)
            {
                log.LogWarning("Key {KeyId} could not be read from key server {Server} ({Kind}): {Reason}", keyId, server, e.Kind, e.Message);
                last = e;
            }
        }
        throw last ?? new KmipException(KmipErrorKind.Network, $"No configured key server holds key {keyId}.");
    }

    public async Task DestroyAsync(KeyManager km, string keyId, IReadOnlyList<(string Server, string KmipUid)> locations, CancellationToken ct)
    {
        var byServer = (await clients.ForAsync(km, ct)).ToDictionary(p => p.Server.Server, p => p.Client);
        KmipException? failure = null;
        foreach (var (server, uid) in locations.Where(l => byServer.ContainsKey(l.Server)))
        {
            try
            {
                var client = byServer[server];
                await ExternalMetrics.Time(metrics, server, "revoke", () => client.RevokeAsync(uid, RevocationReasonCode.CessationOfOperation, null, ct));
                await ExternalMetrics.Time(metrics, server, "destroy", () => client.DestroyAsync(uid, ct));
            }
            catch (KmipException e)
            {
                log.LogWarning("Key {KeyId} could not be destroyed on key server {Server} ({Kind}): {Reason}", keyId, server, e.Kind, e.Message);
                failure ??= e;
            }
        }
        if (failure is not null)
        {
            throw failure;
        }
    }

    // A registered key that cannot be activated is useless; do not leave it behind.
    private async Task ActivateOrDestroyAsync(string server, KmipClient client, string uid, CancellationToken ct)
    {
        try
        {
            await ExternalMetrics.Time(metrics, server, "activate", () => client.ActivateAsync(uid, ct));
        }
        catch (KmipException)
        {
            await ExternalMetrics.Time(metrics, server, "destroy", () => client.DestroyAsync(uid, CancellationToken.None));
            throw;
        }
    }
}
