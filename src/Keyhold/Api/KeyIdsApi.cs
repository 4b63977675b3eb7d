using Keyhold.Ontap.Schemas;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Cluster;
using Keyhold.Keys;

namespace Keyhold.Api;

/// <summary>GET /api/security/key-managers/{uuid}/keys/{node.uuid}/key-ids[/{key_id}] (ONTAP 9.11): a key manager's keys seen from one node.</summary>
public static class KeyIdsApi
{
    private static ResourceSchema Schema => KeyIdSchema.Schema;

    public static RouteGroupBuilder MapKeyIds(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/security/key-managers/{uuid}/keys/{node}/key-ids").Since(KeyIdSchema.Versions.Resource);
        group.MapGet("/", GetCollection).ForSvmAccounts();
        group.MapGet("/{keyId}", Get).ForSvmAccounts();
        return group;
    }

    private static async Task<IResult> GetCollection(HttpContext http, string uuid, string node, KeyManagerRepository managers, ClusterRepository cluster,
        KeyIdRepository keys, KeyStores stores)
    {
        var (km, nodeRecord) = await ResolveAsync(http, managers, cluster, uuid, node, http.RequestAborted);
        return await OntapCollection.GetAsync(http, Schema, new CollectionSource<System.Text.Json.Nodes.JsonObject>
        {
            Stream = async (plan, each, ct) =>
            {
                var place = await PlacementAsync(stores, km, nodeRecord, ct);
                await keys.StreamAsync(km.Uuid, plan, row => each(KeyIdView.Build(row, place(row.Key), nodeRecord)), ct);
            },
            // No filter: the key manager's count kept beside its keys, not a scan.
            Count = (plan, ct) => plan.Query.Filters.Count == 0 ? keys.CountAllAsync(km.Uuid, ct) : keys.CountAsync(km.Uuid, plan, ct),
            ToJson = record => record,
        });
    }

    private static async Task<IResult> Get(HttpContext http, string uuid, string node, string keyId, KeyManagerRepository managers,
        ClusterRepository cluster, KeyIdRepository keys, KeyStores stores)
    {
        var (km, nodeRecord) = await ResolveAsync(http, managers, cluster, uuid, node, http.RequestAborted);
        var row = await keys.FindAsync(km.Uuid, keyId, http.RequestAborted) ?? throw OntapErrors.EntryNotFound.With("key_id");
        var place = await PlacementAsync(stores, km, nodeRecord, http.RequestAborted);
        return OntapInstance.Get(http, Schema, KeyIdView.Build(row, place(row.Key), nodeRecord));
    }

    /// <summary>Keys of a kind this build has no store for are still listed, but no node can use them here.</summary>
    private static async Task<Func<DataKey, KeyPlacement>> PlacementAsync(KeyStores stores, KeyManager km, NodeRecord node, CancellationToken ct) =>
        stores.Find(km.Kind) is { } store ? await store.PlacementAsync(km, node.Uuid, ct) : _ => new KeyPlacement(km.Kind, null, false);

    private static async Task<(KeyManager, NodeRecord)> ResolveAsync(HttpContext http, KeyManagerRepository managers, ClusterRepository cluster, string uuid, string node,
        CancellationToken ct)
    {
        var km = (Guid.TryParse(uuid, out var id) ? await managers.FindAsync(id, ct) : null)
            ?? throw OntapErrors.EntryNotFound.With("security_key_manager.uuid");
        // An SVM administrator sees the keys of its own SVM's key manager only.
        SvmScope.Check(http, km.SvmUuid, "security_key_manager.uuid");
        var nodeRecord = (Guid.TryParse(node, out var nodeId) ? (await cluster.NodesAsync(ct)).FirstOrDefault(n => n.Uuid == nodeId) : null)
            ?? throw OntapErrors.EntryNotFound.With("node.uuid");
        return (km, nodeRecord);
    }
}
