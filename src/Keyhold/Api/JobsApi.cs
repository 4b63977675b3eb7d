using Keyhold.Api.Jobs;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Jobs;

namespace Keyhold.Api;

/// <summary>/api/cluster/jobs: what clients poll after a 202.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cluster/jobs");
        group.MapGet("/", List).ForSvmAccounts();
        group.MapGet("/{uuid}", GetAsync).ForSvmAccounts();
        return group;
    }

    private static Task<IResult> List(HttpContext http, JobRepository jobs) =>
        OntapCollection.GetAsync(http, JobSchema.Schema, new CollectionSource<Job>
        {
            Stream = (plan, each, ct) => jobs.StreamAsync(SvmScope.Restrict(http, plan, "svm_uuid"), each, ct),
            Count = (plan, ct) => jobs.CountAsync(SvmScope.Restrict(http, plan, "svm_uuid"), ct),
            ToJson = j => j.ToJson(),
        });

    private static async Task<IResult> GetAsync(HttpContext http, string uuid, JobRepository jobs)
    {
        var job = (Guid.TryParse(uuid, out var id) ? await jobs.FindAsync(id, http.RequestAborted) : null)
            ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
        SvmScope.Check(http, job.Svm);
        return OntapInstance.Get(http, JobSchema.Schema, job.ToJson());
    }
}
