using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Certificates;

namespace Keyhold.Api;

/// <summary>/api/security/certificates: install, create self-signed, list, delete.</summary>
public static class CertificatesApi
{
    private static ResourceSchema Schema => StoredCertificate.Schema;

    public static RouteGroupBuilder MapCertificates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(StoredCertificate.Collection);
        group.MapGet("/", (HttpContext http, CertificateRepository repo) =>
            OntapCollection.GetAsync(http, Schema, async (plan, ct) => (await repo.QueryAsync(plan, ct)).Select(c => c.ToJson()).ToList()));
        group.MapPost("/", async (HttpContext http, CertificateService service) =>
        {
            OntapBody.ValidateQuery(http);
            var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
            var cert = await service.CreateAsync(body, http.RequestAborted);
            return OntapResults.Created(http, StoredCertificate.Href(cert.Uuid), cert.ToJson());
        });
        group.MapGet("/{uuid}", async (HttpContext http, string uuid, CertificateRepository repo) =>
            OntapInstance.Get(http, Schema, (await FindAsync(repo, uuid, http.RequestAborted)).ToJson()));
        group.MapDelete("/{uuid}", async (HttpContext http, string uuid, CertificateRepository repo, CertificateService service) =>
        {
            OntapBody.ValidateQuery(http);
            await service.DeleteAsync(await FindAsync(repo, uuid, http.RequestAborted), http.RequestAborted);
            return OntapResults.Ok(http);
        });
        return group;
    }

    private static async Task<StoredCertificate> FindAsync(CertificateRepository repo, string uuid, CancellationToken ct) =>
        (Guid.TryParse(uuid, out var id) ? await repo.FindAsync(id, ct) : null) ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");

    internal static JsonObject Empty() => [];
}
