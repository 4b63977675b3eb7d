using System.Reflection;
using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>
/// The resource schemas that validate requests, found by their collection paths. The default catalog reads every
/// static <see cref="ResourceSchema"/> field of the service's assembly (Ontap/Schemas and the ones Api/ keeps to
/// itself), so a new resource is documented with the very object that checks its bodies and queries.
/// </summary>
public sealed class SchemaCatalog
{
    private static readonly Lazy<SchemaCatalog> Discovered = new(() => new SchemaCatalog(FindStaticSchemas(typeof(ResourceSchema).Assembly)));
    private readonly Dictionary<string, ResourceSchema> _byShape = new(StringComparer.Ordinal);

    public SchemaCatalog(IEnumerable<ResourceSchema> schemas)
    {
        // Sorted by name so that, should two schemas share a path, the choice does not depend on reflection order.
        Schemas = [.. schemas.Distinct().OrderBy(s => s.Name, StringComparer.Ordinal)];
        foreach (var schema in Schemas)
        {
            _byShape.TryAdd(RoutePaths.Shape(schema.CollectionPath), schema);
        }
    }

    /// <summary>Every schema of the service.</summary>
    public static SchemaCatalog Default => Discovered.Value;

    public IReadOnlyList<ResourceSchema> Schemas { get; }

    /// <summary>The schema whose collection or instance path has the shape of <paramref name="path"/>, if any.</summary>
    public ResourceSchema? Find(string path)
    {
        var shape = RoutePaths.Shape(path);
        if (_byShape.TryGetValue(shape, out var schema))
        {
            return schema;
        }
        return shape.EndsWith("/{}", StringComparison.Ordinal) && _byShape.TryGetValue(shape[..^3], out var parent) && parent.KeyFields.Count > 0
            ? parent
            : null;
    }

    /// <summary>Collection, instance or singleton: how <paramref name="path"/> relates to <paramref name="schema"/>.</summary>
    public static EndpointRole RoleOf(string path, ResourceSchema schema)
    {
        var shape = RoutePaths.Shape(path);
        var collection = RoutePaths.Shape(schema.CollectionPath);
        if (shape == collection)
        {
            return schema.KeyFields.Count == 0 ? EndpointRole.Singleton : EndpointRole.Collection;
        }
        return shape == collection + "/{}" ? EndpointRole.Instance : EndpointRole.Other;
    }

    private static List<ResourceSchema> FindStaticSchemas(Assembly assembly)
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var found = new List<ResourceSchema>();
        foreach (var type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
        {
            // Fields only: auto-property backing fields are fields too, and expression-bodied properties just
            // forward to a field found elsewhere.
            foreach (var field in type.GetFields(statics).Where(f => f.FieldType == typeof(ResourceSchema)))
            {
                if (field.GetValue(null) is ResourceSchema schema)
                {
                    found.Add(schema);
                }
            }
        }
        return found;
    }
}
