using Keyhold.Api.Kmip;
using Keyhold.Api.Ontap;
using Keyhold.Cluster;
using Keyhold.KmipObjects;
using Keyhold.KmipServer;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api;

/// <summary>
/// /api/kmip: read-only administration of the KMIP server (docs/kmip.md). Objects' metadata and owners, never their
/// material; the client identities the cluster has seen; this node's listener and the KMIP CA certificate.
/// </summary>
public static class KmipApi
{
    public static RouteGroupBuilder MapKmip(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/kmip");
        group.MapGet("/objects", ListObjects);
        group.MapGet("/objects/{uid}", GetObjectAsync);
        group.MapGet("/clients", ListClients);
        group.MapGet("/server", GetServer);
        return group;
    }

    private static Task<IResult> ListObjects(HttpContext http, KmipObjectRepository objects) =>
        OntapCollection.GetAsync(http, KmipSchemas.Objects, new CollectionSource<KmipObject>
        {
            Stream = objects.StreamAsync,
            Count = objects.CountAsync,
            ToJson = o => o.ToJson(),
        });

    private static async Task<IResult> GetObjectAsync(HttpContext http, string uid, KmipObjectRepository objects) =>
        OntapInstance.Get(http, KmipSchemas.Objects,
            (await objects.FindMetadataAsync(uid, http.RequestAborted) ?? throw new OntapException(OntapErrors.EntryNotFound, "uid")).ToJson());

    private static Task<IResult> ListClients(HttpContext http, KmipClientsSeen clients) =>
        OntapCollection.GetAsync(http, KmipSchemas.Clients, async (plan, ct) => (await clients.QueryAsync(plan, ct)).Select(c => c.ToJson()).ToList());

    private static IResult GetServer(HttpContext http, KmipListenerState state, NodeIdentity node) =>
        OntapInstance.Get(http, KmipSchemas.Server, state.ToJson(node));
}
