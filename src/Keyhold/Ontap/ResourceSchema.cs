namespace Keyhold.Ontap;

/// <summary>The fields of one ONTAP resource: what may be selected, filtered, ordered and written.</summary>
/// <remarks>Missing parent containers (e.g. "svm" for "svm.name") are added as <see cref="FieldKind.Object"/> fields.</remarks>
public sealed class ResourceSchema
{
    private readonly Dictionary<string, SchemaNode> _byPath = new(StringComparer.Ordinal);
    private readonly List<SchemaNode> _nodes = [];
    private FieldSelection? _collectionDefault;
    private FieldSelection? _all;
    private readonly IReadOnlyList<FieldDef> _declared;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<OntapVersion, ResourceSchema> _atVersion = new();

    /// <param name="collectionPath">e.g. "/api/svm/svms".</param>
    /// <param name="keyFields">Always returned, e.g. ["uuid"] or ["uuid","server"].</param>
    /// <param name="defaultOrderSql">A unique SQL order (e.g. "name, uuid") so that paging is stable.</param>
    public ResourceSchema(string name, string collectionPath, IReadOnlyList<string> keyFields, IReadOnlyList<FieldDef> fields, string defaultOrderSql)
    {
        Name = name;
        CollectionPath = collectionPath;
        KeyFields = keyFields;
        DefaultOrderSql = defaultOrderSql;
        _declared = fields;
        Root = new SchemaNode(new FieldDef("", FieldKind.Object), -1, null, false);
        var explicitDefs = new Dictionary<string, FieldDef>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (!explicitDefs.TryAdd(f.Path, f))
                throw new ArgumentException($"Duplicate field \"{f.Path}\" in schema {name}.", nameof(fields));
        }

        foreach (var f in fields)
            Add(f.Path, explicitDefs, fields);
        foreach (var key in keyFields)
        {
            if (!_byPath.ContainsKey(key))
                throw new ArgumentException($"Key field \"{key}\" is not a field of schema {name}.", nameof(keyFields));
        }

        Fields = _nodes.ConvertAll(n => n.Def);
    }

    public string Name { get; }

    public string CollectionPath { get; }

    public IReadOnlyList<string> KeyFields { get; }

    /// <summary>Declared fields plus implicit containers, parents before children.</summary>
    public IReadOnlyList<FieldDef> Fields { get; }

    public string DefaultOrderSql { get; }

    internal SchemaNode Root { get; }

    internal IReadOnlyList<SchemaNode> Nodes => _nodes;

    /// <summary>Default collection selection: key fields and <c>_links</c>.</summary>
    internal FieldSelection CollectionDefault => _collectionDefault ??= FieldSelection.Parse((string?)null, this);

    /// <summary>Like <c>fields=*</c>; also the default of an instance GET.</summary>
    internal FieldSelection AllFields => _all ??= FieldSelection.Parse("*", this);

    /// <summary>Distinct <c>fields</c> values kept parsed; the value comes from clients, so the cache is bounded.</summary>
    internal const int MaxParsedFields = 256;

    /// <summary><c>fields</c> values already parsed against this schema (see <see cref="FieldSelection.ParseMany"/>).</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, FieldSelection> ParsedFields { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Names <c>fields</c> accepts for a field at another path. ONTAP's documentation lists some expensive properties by
    /// a short name (key managers: <c>connectivity</c> for <c>external.servers.connectivity</c>), and clients send it.
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldAliases { get; init; } = new Dictionary<string, string>();

    /// <summary>In which release each endpoint and field appeared (the table sits beside the fields in <c>Ontap/Schemas/</c>).</summary>
    public VersionTable Versions { get; init; } = VersionTable.Always;

    /// <summary>
    /// This resource as a cluster at <paramref name="version"/> has it: the fields that release lacks are gone, so
    /// <c>fields=</c> refuses them (262197), filters and bodies refuse them (262179) and records leave them out, as
    /// that release does for a field it never had.
    /// </summary>
    public ResourceSchema At(OntapVersion version)
    {
        if (!Versions.HasFieldsAfter(version))
            return this;
        return _atVersion.GetOrAdd(version, v => new ResourceSchema(Name, CollectionPath, KeyFields,
            [.. _declared.Where(f => Versions.Field(f.Path) <= v)], DefaultOrderSql)
        {
            Versions = Versions,
            FieldAliases = FieldAliases.Where(a => Versions.Field(a.Value) <= v).ToDictionary(),
        });
    }

    public FieldDef? Find(string path) => _byPath.TryGetValue(path, out var node) ? node.Def : null;

    internal SchemaNode? FindNode(string path) => _byPath.GetValueOrDefault(path);

    private SchemaNode Add(string path, Dictionary<string, FieldDef> explicitDefs, IReadOnlyList<FieldDef> all)
    {
        if (_byPath.TryGetValue(path, out var existing))
            return existing;
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? Root : Add(path[..dot], explicitDefs, all);
        var def = explicitDefs.GetValueOrDefault(path) ?? ImplicitContainer(path, all);
        var node = new SchemaNode(def, _nodes.Count, parent, dot < 0 && KeyFields.Contains(path));
        _nodes.Add(node);
        _byPath.Add(path, node);
        parent.Children.Add(dot < 0 ? path : path[(dot + 1)..], node);
        return node;
    }

    // A container is writable in an operation when any of its descendants is.
    private static FieldDef ImplicitContainer(string path, IReadOnlyList<FieldDef> all)
    {
        var access = FieldAccess.Read;
        var prefix = path + ".";
        foreach (var f in all)
        {
            if (f.Path.StartsWith(prefix, StringComparison.Ordinal))
                access |= f.Access & (FieldAccess.Create | FieldAccess.Modify);
        }

        return new FieldDef(path, FieldKind.Object, access);
    }
}
