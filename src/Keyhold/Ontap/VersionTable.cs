namespace Keyhold.Ontap;

/// <summary>
/// In which ONTAP release a resource, each of its endpoints and each of its fields appeared. Every resource schema
/// (<c>Ontap/Schemas/*</c>) carries one beside its fields; a cluster set to an older release answers a newer endpoint as
/// an unknown API (404, code 3) and refuses a newer field as one it never had (<see cref="ResourceSchema.At"/>).
/// </summary>
/// <param name="resource">The release of the resource's first endpoint; endpoints and fields not listed came with it.</param>
public sealed class VersionTable(OntapVersion resource)
{
    /// <summary>For resources as old as ONTAP's REST API (9.6).</summary>
    public static readonly VersionTable Always = new(OntapVersion.V9_6);

    public OntapVersion Resource { get; } = resource;

    /// <summary>Endpoints that came later than the resource, keyed "METHOD /route" as mapped (e.g. "PATCH /{uuid}").</summary>
    public Dictionary<string, OntapVersion> Endpoints { get; init; } = [];

    /// <summary>Fields that came later than the resource, by dotted path; a path covers its descendants.</summary>
    public Dictionary<string, OntapVersion> Fields { get; init; } = [];

    /// <summary>The release an endpoint appeared in; a key not in <see cref="Endpoints"/> is a mistake, not the resource's release.</summary>
    public OntapVersion Endpoint(string methodAndRoute) =>
        Endpoints.TryGetValue(methodAndRoute, out var version)
            ? version
            : throw new KeyNotFoundException($"No version is declared for endpoint \"{methodAndRoute}\".");

    /// <summary>The release a field appeared in: the nearest listed ancestor's (or its own), else the resource's.</summary>
    public OntapVersion Field(string path)
    {
        var since = Resource;
        foreach (var (listed, version) in Fields)
        {
            if ((path == listed || path.StartsWith(listed + ".", StringComparison.Ordinal)) && version > since)
                since = version;
        }

        return since;
    }

    /// <summary>True when some field is newer than <paramref name="version"/>.</summary>
    public bool HasFieldsAfter(OntapVersion version) => Fields.Values.Any(v => v > version);
}
