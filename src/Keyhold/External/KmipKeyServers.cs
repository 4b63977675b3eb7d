using Keyhold.Keys;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>
/// <see cref="IKmipKeyServers"/> over the pooled KMIP clients: Register + Activate on each server, Get from the
/// first that answers, Revoke + Destroy everywhere. Key material is never logged.
/// </summary>
public sealed class KmipKeyServers(KmipClients clients, ILogger<KmipKeyServers> log) : IKmipKeyServers
{
    public async Task<IReadOnlyList<(string Server, string KmipUid)>> RegisterAsync(KeyManager km, string keyId, byte[] material, CancellationToken ct)
    {
        var locations = new List<(string, string)>();
        KmipException? last = null;
        foreach (var (server, client) in await clients.ForAsync(km, ct))
        {
            try
            {
                var uid = await client.RegisterSymmetricKeyAsync(material, keyId, ct);
                await ActivateOrDestroyAsync(client, uid, ct);
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
                return await client.GetKeyMaterialAsync(uid, ct);
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
                await byServer[server].RevokeAsync(uid, RevocationReasonCode.CessationOfOperation, null, ct);
                await byServer[server].DestroyAsync(uid, ct);
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
    private static async Task ActivateOrDestroyAsync(KmipClient client, string uid, CancellationToken ct)
    {
        try
        {
            await client.ActivateAsync(uid, ct);
        }
        catch (KmipException)
        {
            await client.DestroyAsync(uid, CancellationToken.None);
            throw;
        }
    }
}
