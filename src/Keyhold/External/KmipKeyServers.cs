using Keyhold.Keys;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>
/// <see cref="IKmipKeyServers"/> over the pooled KMIP clients: Register + Activate on each server, Get from the
/// first that answers, Revoke + Destroy everywhere. A primary that cannot be reached hands its call to its secondaries,
/// in order (ONTAP: "the request will be sent to the first secondary key server"); Register and Destroy are bounded by
/// the server's create_remove_timeout. Key material is never logged.
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
                var uid = await PrimaryOrSecondariesAsync(km, server, client, CreateRemoveBound(server), async (c, t) =>
                {
                    var registered = await ExternalMetrics.Time(metrics, server.Server, "register", () => c.RegisterSymmetricKeyAsync(material, keyId, t));
                    await ActivateOrDestroyAsync(server.Server, c, registered, t);
                    return registered;
                }, ct);
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
        var byServer = (await clients.ForAsync(km, ct)).ToDictionary(p => p.Server.Server);
        KmipException? last = null;
        foreach (var (server, uid) in locations)
        {
            if (!byServer.TryGetValue(server, out var configured))
            {
                continue; // the server was removed from the key manager
            }
            try
            {
                return await PrimaryOrSecondariesAsync(km, configured.Server, configured.Client, null,
                    (c, t) => ExternalMetrics.Time(metrics, server, "get", () => c.GetKeyMaterialAsync(uid, t)), ct);
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
        if ((await DestroyEachAsync(km, keyId, locations, ct)).Failure is { } failure)
        {
            throw failure;
        }
    }

    public async Task<DestroyOutcome> DestroyEachAsync(KeyManager km, string keyId, IReadOnlyList<(string Server, string KmipUid)> locations, CancellationToken ct)
    {
        var byServer = (await clients.ForAsync(km, ct)).ToDictionary(p => p.Server.Server);
        var left = new List<(string Server, string KmipUid)>();
        KmipException? failure = null;
        foreach (var (server, uid) in locations.Where(l => byServer.ContainsKey(l.Server)))
        {
            try
            {
                var (configured, client) = byServer[server];
                await PrimaryOrSecondariesAsync(km, configured, client, CreateRemoveBound(configured), async (c, t) =>
                {
                    await RevokeAsync(server, c, uid, t);
                    await ExternalMetrics.Time(metrics, server, "destroy", () => c.DestroyAsync(uid, t));
                    return true;
                }, ct);
            }
            catch (KmipOperationException e) when (e.Reason == ResultReason.ItemNotFound)
            {
                // Already gone there (destroyed by an earlier attempt that failed on another server): destroyed is destroyed.
            }
            catch (KmipException e)
            {
                log.LogWarning("Key {KeyId} could not be destroyed on key server {Server} ({Kind}): {Reason}", keyId, server, e.Kind, e.Message);
                left.Add((server, uid));
                failure ??= e;
            }
        }
        return new DestroyOutcome(left, failure);
    }

    // An earlier attempt may have revoked the key and then failed to destroy it: the object is no longer active, and a
    // server refuses to revoke it again for cessation of operation (PyKMIP: Illegal Operation). Destroy it all the same.
    private async Task RevokeAsync(string server, KmipClient client, string uid, CancellationToken ct)
    {
        try
        {
            await ExternalMetrics.Time(metrics, server, "revoke", () => client.RevokeAsync(uid, RevocationReasonCode.CessationOfOperation, null, ct));
        }
        catch (KmipOperationException e) when (e.Reason == ResultReason.IllegalOperation)
        {
            log.LogInformation("Key object {Uid} on key server {Server} was not active; destroying it without a new revocation.", uid, server);
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> on the primary and, when the primary cannot be reached, on each secondary in order.
    /// <paramref name="bound"/> limits the whole call (create_remove_timeout); running past it counts as a network failure.
    /// </summary>
    private async Task<T> PrimaryOrSecondariesAsync<T>(KeyManager km, KeyServer server, KmipClient primary, TimeSpan? bound,
        Func<KmipClient, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await Bounded(primary, bound, call, ct);
        }
        catch (KmipException e) when (e.Kind == KmipErrorKind.Network && server.Secondaries.Count > 0)
        {
            var last = e;
            foreach (var (address, secondary) in await clients.SecondariesAsync(km, server, ct))
            {
                log.LogWarning("Key server {Server} cannot be reached ({Reason}); trying its secondary {Secondary}", server.Server, last.Message, address);
                try
                {
                    return await Bounded(secondary, bound, call, ct);
                }
                catch (KmipException next) when (next.Kind == KmipErrorKind.Network)
                {
                    last = next;
                }
            }
            throw last;
        }
    }

    private static async Task<T> Bounded<T>(KmipClient client, TimeSpan? bound, Func<KmipClient, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        if (bound is not { } limit)
        {
            return await call(client, ct);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            return await call(client, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new KmipException(KmipErrorKind.Network, $"No answer within the create/remove timeout ({limit.TotalSeconds:0} s).");
        }
    }

    /// <summary>create_remove_timeout as a bound: -1 waits as long as the I/O timeout allows, 0 adds no bound of its own.</summary>
    private static TimeSpan? CreateRemoveBound(KeyServer server) =>
        server.CreateRemoveTimeout > 0 ? TimeSpan.FromSeconds(server.CreateRemoveTimeout) : null;

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
