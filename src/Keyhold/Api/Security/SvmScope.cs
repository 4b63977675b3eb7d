using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Security;
using Keyhold.Storage.Query;

namespace Keyhold.Api.Security;

/// <summary>
/// What an SVM administrator (vsadmin, vsadmin-readonly) may reach, decided here and nowhere else. An endpoint is
/// closed to SVM accounts (403, code 6) unless it is marked <see cref="ForSvmAccounts"/>; such an endpoint narrows its
/// store queries with <see cref="Restrict"/> (a WHERE on the SVM column, so other SVMs' rows are never read) and checks
/// single records with <see cref="Check"/> (another SVM's record does not exist for the caller: 404, code 4).
/// </summary>
public static class SvmScope
{
    private const string Parameter = "@scope_svm";

    /// <summary>Endpoint metadata: SVM accounts may call it, and it honours their SVM.</summary>
    public sealed class SvmAccountsAllowed
    {
        public static readonly SvmAccountsAllowed Instance = new();
    }

    /// <summary>Endpoint metadata: any authenticated account may call it, readers included (changing one's own password).</summary>
    public sealed class EveryAccountMayWrite
    {
        public static readonly EveryAccountMayWrite Instance = new();
    }

    public static TBuilder ForSvmAccounts<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SvmAccountsAllowed.Instance);

    public static TBuilder ForEveryAccount<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(EveryAccountMayWrite.Instance);

    /// <summary>The SVM the caller is confined to, or null for a cluster account.</summary>
    public static Guid? Of(HttpContext http) => BasicAuthentication.Find(http)?.SvmUuid;

    /// <summary>The plan limited to the caller's SVM (<paramref name="svmColumn"/> holds a row's SVM uuid as text).</summary>
    public static SqlPlan Restrict(HttpContext http, SqlPlan plan, string svmColumn) =>
        Of(http) is { } svm ? plan.And($"{svmColumn} = {Parameter}", Parameter, svm.ToString()) : plan;

    /// <summary>404 when the caller is confined to an SVM and <paramref name="svm"/> (a record's SVM; null = the cluster's) is not it.</summary>
    public static void Check(HttpContext http, Guid? svm, string target = "uuid")
    {
        if (Of(http) is { } own && svm != own)
        {
            throw OntapErrors.EntryNotFound.With(target);
        }
    }

    /// <summary>
    /// For a record an SVM administrator creates: the SVM named in the body (svm.uuid and/or svm.name) must be its own, and
    /// is its own when the body names none. Another SVM does not exist for it (2621462). Cluster accounts: as given.
    /// </summary>
    public static async Task<(string? Uuid, string? Name)> OwnSvmAsync(HttpContext http, string? uuid, string? name, SvmRepository svms)
    {
        if (Of(http) is not { } own)
        {
            return (uuid, name);
        }
        var mine = await svms.FindAsync(own, http.RequestAborted) ?? throw OntapErrors.Forbidden.With();
        if (uuid is not null && !(Guid.TryParse(uuid, out var given) && given == own))
        {
            throw OntapErrors.SvmNotFound.With("svm.uuid", uuid);
        }
        if (name is not null && name != mine.Name)
        {
            throw OntapErrors.SvmNotFound.With("svm.name", name);
        }
        return (own.ToString(), mine.Name);
    }

    /// <summary>May <paramref name="account"/> call <paramref name="endpoint"/> with <paramref name="method"/>? False: 403, code 6.</summary>
    public static bool Allows(Account account, Endpoint? endpoint, string method)
    {
        var reads = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var everyone = endpoint?.Metadata.GetMetadata<EveryAccountMayWrite>() is not null;
        if (!reads && !account.MayWrite && !everyone)
        {
            return false;
        }
        // An unknown path (no endpoint) is left to the 404 that follows.
        return !account.IsSvmScoped || endpoint is null || everyone || endpoint.Metadata.GetMetadata<SvmAccountsAllowed>() is not null;
    }
}
