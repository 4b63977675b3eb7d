using Keyhold.Api.Ontap;
using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>
/// Reads the endpoints the application really maps (its <see cref="EndpointDataSource"/>), so a route added
/// anywhere is in the document without being declared twice.
/// </summary>
public static class EndpointReader
{
    private static readonly string[] MethodOrder = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

    /// <param name="release">Leaves out the endpoints newer than it and the fields it lacks (<see cref="ResourceSchema.At"/>); null: all.</param>
    public static IReadOnlyList<DocumentedEndpoint> Read(IEnumerable<Endpoint> endpoints, SchemaCatalog catalog, OntapVersion? release = null)
    {
        var found = new Dictionary<(string, string), DocumentedEndpoint>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (!IsDocumented(endpoint) || (release is not null && ClusterRelease.Lacks(release, endpoint)))
            {
                continue;
            }
            var path = RoutePaths.OpenApiPath(endpoint.RoutePattern);
            // A schema attached to the endpoint wins; otherwise the one whose collection path has this shape.
            var schema = endpoint.Metadata.GetMetadata<ResourceSchema>() ?? catalog.Find(path);
            if (schema is not null && release is not null)
            {
                schema = schema.At(release);
            }
            var role = schema is null ? EndpointRole.Other : SchemaCatalog.RoleOf(path, schema);
            foreach (var method in Methods(endpoint))
            {
                found.TryAdd((path, method), new DocumentedEndpoint(path, method, role == EndpointRole.Other ? null : schema, role));
            }
        }
        // The API first: the reference page lists tags in this order, and its readers come for /api.
        return [.. found.Values
            .OrderBy(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(e => e.Path, StringComparer.Ordinal)
            .ThenBy(e => Rank(e.Method))];
    }

    /// <summary>ASP.NET Core's own opt-out (ExcludeFromDescription): the UI's asset routes use it.</summary>
    public static bool IsDocumented(Endpoint endpoint) =>
        endpoint is RouteEndpoint && endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true;

    /// <summary>The methods an endpoint answers; one without method metadata answers any, documented as GET.</summary>
    public static IReadOnlyList<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods
            ? [.. methods.Select(m => m.ToUpperInvariant())]
            : ["GET"];

    private static int Rank(string method) => Array.IndexOf(MethodOrder, method) is var i and >= 0 ? i : MethodOrder.Length;
}
