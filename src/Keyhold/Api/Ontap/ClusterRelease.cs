using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>
/// The ONTAP release this cluster answers as (Keyhold:Ontap:Version), applied to a request: resources are validated and
/// shaped as that release has them, and endpoints it lacks do not exist.
/// </summary>
public static class ClusterRelease
{
    /// <remarks>
    /// Keyhold registers the release at start (Cluster/OntapOptions); a host that does not (the request helpers' own
    /// tests) gets the newest release, i.e. every field and endpoint.
    /// </remarks>
    public static OntapVersion Of(HttpContext http) => http.RequestServices.GetService<OntapVersion>() ?? OntapVersion.Newest;

    /// <summary>The resource as this cluster's release has it (<see cref="ResourceSchema.At"/>).</summary>
    public static ResourceSchema Schema(HttpContext http, ResourceSchema schema) => schema.At(Of(http));

    /// <summary>
    /// Marks the endpoints (a route or a whole group) as appearing in <paramref name="version"/>: on an older cluster they
    /// answer 404 code 3, as that release answers for an API it does not have. Take the version from the resource's
    /// <see cref="VersionTable"/> (<c>Ontap/Schemas/</c>), never a literal.
    /// </summary>
    public static TBuilder Since<TBuilder>(this TBuilder builder, OntapVersion version) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AppearedIn(version));

    /// <summary>True when the endpoint is newer than this cluster's release (the most specific <see cref="Since"/> wins).</summary>
    public static bool Lacks(HttpContext http, Endpoint endpoint) => Lacks(Of(http), endpoint);

    /// <summary>True when the endpoint is newer than <paramref name="release"/> (the API document leaves it out).</summary>
    public static bool Lacks(OntapVersion release, Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<AppearedIn>() is { } since && since.Version > release;

    private sealed record AppearedIn(OntapVersion Version);
}
