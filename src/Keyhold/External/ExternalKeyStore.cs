using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>
/// External keys: made here, registered on the key manager's KMIP servers, located by the (server, KMIP UID) pairs in the
/// row's metadata (<see cref="KeyLocations"/>); the row carries no material. A new key goes to every server that answers
/// (one is enough, so one server down does not stop volume creation); a migrated key must reach every configured server.
/// </summary>
public sealed class ExternalKeyStore(IKmipKeyServers servers, ExternalRepository repository, KeyManagerRepository managers,
    ConnectivityCache connectivity, ILogger<ExternalKeyStore> log) : IKeyStore
{
    public string Kind => KeyManager.External;

    public Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, CancellationToken ct) =>
        NewKey.CreateAsync(km, request, (key, material) => PlaceAsync(km, key, material, everyServer: false, ct));

    public Task<DataKey> ImportAsync(KeyManager km, DataKey key, byte[] material, CancellationToken ct) =>
        PlaceAsync(km, key, material, everyServer: true, ct);

    public async Task AbandonAsync(DataKey key, CancellationToken ct)
    {
        try
        {
            await DestroyAsync(key, ct);
        }
        catch (Exception e)
        {
            log.LogWarning("Abandoned key {KeyId} could not be destroyed on its key servers: {Type}", key.KeyId, e.GetType().Name);
        }
    }

    public async Task DestroyAsync(DataKey key, CancellationToken ct)
    {
        if (await managers.FindAsync(key.KeyManagerUuid, ct) is not { Kind: KeyManager.External } km)
        {
            // Deleted while the key was being made: its servers' configuration went with it.
            log.LogWarning("Key {KeyId} was not destroyed on its key servers: its key manager no longer exists.", key.KeyId);
            return;
        }
        await Kmip(() => servers.DestroyAsync(km, key.KeyId, KeyLocations.Read(key.Metadata), ct));
    }

    public async Task<byte[]> ReadAsync(DataKey key, CancellationToken ct)
    {
        var km = await managers.FindAsync(key.KeyManagerUuid, ct) ?? throw OntapErrors.KeyManagerChanged.With();
        return await Kmip(() => servers.GetAsync(km, key.KeyId, KeyLocations.Read(key.Metadata), ct));
    }

    /// <summary>
    /// key_server and key_manager: the first recorded location still configured. restored: a configured server holding
    /// the key was reachable at this node's last probe (or not probed yet), from <see cref="ConnectivityCache"/>.
    /// </summary>
    public async Task<Func<DataKey, KeyPlacement>> PlacementAsync(KeyManager km, Guid node, CancellationToken ct)
    {
        var configured = (await repository.LoadAsync(km.Uuid, ct))?.Servers.Select(s => s.Server).ToHashSet() ?? [];
        return key =>
        {
            var recorded = KeyLocations.Read(key.Metadata);
            var held = recorded.Where(l => configured.Contains(l.Server)).ToList();
            var server = (held.Count > 0 ? held : recorded).Select(l => l.Server).FirstOrDefault() ?? "";
            var restored = held.Any(l => connectivity.Find(km.Uuid, l.Server)?.Available != false);
            return new KeyPlacement(server, server, restored);
        };
    }

    private async Task<DataKey> PlaceAsync(KeyManager km, DataKey key, byte[] material, bool everyServer, CancellationToken ct)
    {
        var locations = await Kmip(() => servers.RegisterAsync(km, key.KeyId, material, ct));
        var placed = key with { KeyManagerUuid = km.Uuid, Wrapped = null, Metadata = KeyLocations.With(key.Metadata, locations) };
        if (everyServer)
        {
            var missed = (await repository.LoadAsync(km.Uuid, ct))?.Servers.Select(s => s.Server).Except(locations.Select(l => l.Server)).ToList() ?? [];
            if (missed.Count > 0)
            {
                await AbandonAsync(placed, CancellationToken.None);
                throw OntapErrors.KeyNotOnEveryServer.With(null, key.KeyId, string.Join(", ", missed));
            }
        }
        return placed;
    }

    // KMIP failures become ONTAP's key-server codes. KmipClients throws InvalidOperationException when the key manager's
    // configuration is gone (deleted meanwhile): a retry, as for any change of key manager under a request.
    private static async Task<T> Kmip<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (KmipException e)
        {
            throw KmipFailures.ToOntap(e);
        }
        catch (InvalidOperationException)
        {
            throw OntapErrors.KeyManagerChanged.With();
        }
    }

    private static Task Kmip(Func<Task> call) => Kmip(async () =>
    {
        await call();
        return 0;
    });
}
