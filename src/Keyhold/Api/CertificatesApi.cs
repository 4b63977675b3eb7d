using Keyhold.Cluster;
using Keyhold.Api.Certificates;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Certificates;

namespace Keyhold.Api;

/// <summary>/api/security/certificates: install, create self-signed, list, delete.</summary>
public static class CertificatesApi
{
    private static ResourceSchema Schema => CertificateSchema.Schema;

    public static RouteGroupBuilder MapCertificates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(CertificateJson.Collection);
        group.MapGet("/", GetCollection).ForSvmAccounts();
        group.MapPost("/", Create).ForSvmAccounts();
        group.MapGet("/{uuid}", Get).ForSvmAccounts();
        group.MapDelete("/{uuid}", Delete).ForSvmAccounts();
        return group;
    }

    private static Task<IResult> GetCollection(HttpContext http, CertificateRepository repo) =>
        OntapCollection.GetAsync(http, Schema, async (plan, ct) => (await repo.QueryAsync(SvmScope.Restrict(http, plan, "c.svm_uuid"), ct)).Select(CertificateJson.ToJson).ToList());

    private static async Task<IResult> Create(HttpContext http, CertificateService service, SvmRepository svms)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var command = InstallCertificateBody.ToCommand(body);
        var (svmUuid, svmName) = await SvmScope.OwnSvmAsync(http, command.SvmUuid, command.SvmName, svms);
        var cert = await service.CreateAsync(command with { SvmUuid = svmUuid, SvmName = svmName }, http.RequestAborted);
        return OntapResults.Created(http, CertificateJson.Href(cert.Uuid), CertificateJson.ToJson(cert));
    }

    private static async Task<IResult> Get(HttpContext http, string uuid, CertificateRepository repo)
    {
        var cert = (Guid.TryParse(uuid, out var id) ? await repo.FindAsync(id, http.RequestAborted) : null)
            ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
        SvmScope.Check(http, cert.SvmUuid);
        return OntapInstance.Get(http, Schema, CertificateJson.ToJson(cert));
    }

    private static async Task<IResult> Delete(HttpContext http, string uuid, CertificateService service, CertificateRepository repo)
    {
        OntapBody.ValidateQuery(http);
        if (SvmScope.Of(http) is not null)
        {
            // An SVM administrator deletes its own SVM's certificates only; others do not exist for it.
            var cert = (Guid.TryParse(uuid, out var certId) ? await repo.FindAsync(certId, http.RequestAborted) : null) ?? throw OntapErrors.EntryNotFound.With("uuid");
            SvmScope.Check(http, cert.SvmUuid);
        }
        await service.DeleteAsync(Guid.TryParse(uuid, out var id) ? id : throw new OntapException(OntapErrors.EntryNotFound, "uuid"), http.RequestAborted);
        return OntapResults.Ok(http);
    }
}
