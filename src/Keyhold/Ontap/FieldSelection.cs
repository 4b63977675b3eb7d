using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>
/// The parsed <c>fields</c> parameter: which schema fields a response carries. Key fields and <c>_links</c> are
/// always in; <c>*</c> adds every readable non-expensive field, <c>**</c> every readable field; naming a container
/// adds its non-expensive children; naming an expensive field adds it. WriteOnly fields are never in.
/// </summary>
public sealed class FieldSelection
{
    private readonly ResourceSchema _schema;
    private readonly bool[] _included;
    private readonly bool[] _descend; // included, or some descendant is: projection must look inside

    private FieldSelection(ResourceSchema schema, HashSet<int> named, bool star, bool starStar)
    {
        _schema = schema;
        var nodes = schema.Nodes;
        _included = new bool[nodes.Count];
        _descend = new bool[nodes.Count];
        foreach (var n in nodes) // parents come before children
        {
            var parentIn = n.Parent is { Index: >= 0 } p ? _included[p.Index] : star;
            _included[n.Index] = n.Def.IsReadable && (n.IsKey || starStar || named.Contains(n.Index) || (parentIn && !n.IsExpensiveRoot));
            IncludesExpensive |= _included[n.Index] && n.Def.Expensive;
        }

        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            _descend[i] |= _included[i];
            if (_descend[i] && nodes[i].Parent is { Index: >= 0 } parent)
                _descend[parent.Index] = true;
        }
    }

    /// <summary>
    /// True when this selection is the one kept for its schema and <c>fields</c> value: it lives as long as the schema,
    /// so what is derived from it (a page row's ready bytes, Api/Ontap/RowBytes) can be kept under it.
    /// </summary>
    internal bool Shared { get; private set; }

    /// <summary>True when an expensive field is selected: the fetch must compute expensive values.</summary>
    public bool IncludesExpensive { get; }

    /// <summary>Parses one <c>fields</c> value (null or empty: key fields and <c>_links</c> only).</summary>
    public static FieldSelection Parse(string? fieldsParam, ResourceSchema schema) => ParseMany([fieldsParam], schema);

    /// <summary>Parses and merges repeated <c>fields</c> values.</summary>
    public static FieldSelection ParseMany(IEnumerable<string?> fieldsParams, ResourceSchema schema)
    {
        // Clients repeat the same few values (fields=* above all): one value is parsed once per schema. Selections are immutable.
        if (fieldsParams is IReadOnlyList<string?> { Count: 1 } one && one[0] is { } single)
        {
            if (schema.ParsedFields.TryGetValue(single, out var cached))
                return cached;
            var parsed = Build(fieldsParams, schema); // throws for a bad value, which is not kept
            if (schema.ParsedFields.Count < ResourceSchema.MaxParsedFields && schema.ParsedFields.TryAdd(single, parsed))
                parsed.Shared = true;
            return parsed;
        }

        return Build(fieldsParams, schema);
    }

    private static FieldSelection Build(IEnumerable<string?> fieldsParams, ResourceSchema schema)
    {
        var named = new HashSet<int>();
        bool star = false, starStar = false;
        foreach (var value in fieldsParams)
        {
            foreach (var raw in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (raw == "*")
                    star = true;
                else if (raw == "**")
                    starStar = true;
                else if (!IsLinks(raw))
                    named.Add(NamedNode(raw, schema).Index);
            }
        }

        return new FieldSelection(schema, named, star || starStar, starStar);
    }

    /// <summary>Like <c>fields=*</c>: every readable non-expensive field.</summary>
    public static FieldSelection All(ResourceSchema schema) => schema.AllFields;

    public bool Includes(string path)
    {
        if (IsLinks(path))
            return true;
        var node = _schema.FindNode(path);
        return node is not null && _included[node.Index];
    }

    /// <summary>A new object with the key fields, the selected fields and every <c>_links</c> of the kept objects; empty containers and nulls dropped.</summary>
    public JsonObject Project(JsonObject fullRecord) =>
        ProjectObject(fullRecord, _schema.Root, wholesale: false) ?? [];

    private JsonObject? ProjectObject(JsonObject source, SchemaNode node, bool wholesale)
    {
        JsonObject? result = null;
        JsonNode? links = null;
        foreach (var (name, value) in source)
        {
            if (value is null)
                continue;
            if (name == "_links")
            {
                links = value;
                continue;
            }

            JsonNode? projected;
            if (node.Children.TryGetValue(name, out var child))
                projected = child.Def.IsReadable && _descend[child.Index] ? ProjectValue(value, child, _included[child.Index]) : null;
            else
                projected = wholesale ? value.DeepClone() : null; // not in the schema: only inside a selected container

            if (projected is not null)
                (result ??= []).Add(name, projected);
        }

        if (result is not null && links is not null)
            result.Add("_links", links.DeepClone());
        return result;
    }

    private JsonNode? ProjectValue(JsonNode value, SchemaNode node, bool included)
    {
        switch (value)
        {
            case JsonObject obj:
                return ProjectObject(obj, node, included);
            case JsonArray array:
                var result = new JsonArray();
                foreach (var element in array)
                {
                    var projected = element is JsonObject o ? ProjectObject(o, node, included)
                        : included ? element?.DeepClone() : null;
                    if (projected is not null)
                        result.Add(projected);
                }

                return result.Count > 0 || (included && array.Count == 0) ? result : null;
            default:
                return included ? value.DeepClone() : null;
        }
    }

    /// <summary>
    /// Writes exactly what <see cref="Project"/> returns, as the writer would write that tree, without building it:
    /// no clone of any value. With <paramref name="plain"/>, <c>_links</c> are left out as <see cref="PlainJsonWriter"/>
    /// leaves them out of a nested record (<paramref name="root"/> false) or of the body itself (true: only a
    /// <c>_links.next</c> survives). The record is only read.
    /// </summary>
    internal void WriteProjected(Utf8JsonWriter writer, JsonObject fullRecord, bool plain, bool root)
    {
        var mode = !plain ? LinksMode.Hal : root ? LinksMode.PlainRoot : LinksMode.PlainNested;
        if (HasContent(fullRecord, _schema.Root, wholesale: false))
            WriteObject(writer, fullRecord, _schema.Root, wholesale: false, mode);
        else
        {
            writer.WriteStartObject(); // Project answers an empty object then
            writer.WriteEndObject();
        }
    }

    /// <summary>
    /// Writes the projection of one record made of two objects, <paramref name="record"/>'s members then
    /// <paramref name="more"/>'s (and <paramref name="record"/>'s <c>_links</c> last), as <see cref="WriteProjected(Utf8JsonWriter, JsonObject, bool, bool)"/>
    /// would write them merged into one: <paramref name="more"/> can then be a read-only object shared by many records
    /// (stored attributes parsed once), not rebuilt for each.
    /// </summary>
    internal void WriteProjectedMerged(Utf8JsonWriter writer, JsonObject record, JsonObject more, bool plain)
    {
        var mode = plain ? LinksMode.PlainNested : LinksMode.Hal;
        var root = _schema.Root;
        writer.WriteStartObject();
        if (HasContent(record, root, wholesale: false) || HasContent(more, root, wholesale: false))
        {
            WriteMembers(writer, record, root, wholesale: false, mode);
            WriteMembers(writer, more, root, wholesale: false, mode);
            if (record.TryGetPropertyValue("_links", out var links) && links is not null)
                WriteLinks(writer, links, mode);
        }

        writer.WriteEndObject();
    }

    private enum LinksMode
    {
        Hal,
        PlainRoot,
        PlainNested,
    }

    // The three predicates below decide, as ProjectObject/ProjectValue do, whether a projection is non-null.

    private bool HasContent(JsonObject source, SchemaNode node, bool wholesale)
    {
        for (var i = 0; i < source.Count; i++) // by index: the interface enumerator would allocate
        {
            var (name, value) = source.GetAt(i);
            if (value is null || name == "_links")
                continue;
            if (node.Children.TryGetValue(name, out var child))
            {
                if (child.Def.IsReadable && _descend[child.Index] && HasContent(value, child, _included[child.Index]))
                    return true;
            }
            else if (wholesale)
                return true;
        }

        return false;
    }

    private bool HasContent(JsonNode value, SchemaNode node, bool included) => value switch
    {
        JsonObject obj => HasContent(obj, node, included),
        JsonArray array => (included && array.Count == 0) || HasElement(array, node, included),
        _ => included,
    };

    private bool HasElement(JsonArray array, SchemaNode node, bool included)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var element = array[i];
            if (element is JsonObject o ? HasContent(o, node, included) : included && element is not null)
                return true;
        }

        return false;
    }

    /// <summary>Writes the projection of an object known to have content (so it is not dropped, and keeps its links).</summary>
    private void WriteObject(Utf8JsonWriter writer, JsonObject source, SchemaNode node, bool wholesale, LinksMode mode)
    {
        writer.WriteStartObject();
        if (WriteMembers(writer, source, node, wholesale, mode) is { } links)
            WriteLinks(writer, links, mode);
        writer.WriteEndObject();
    }

    /// <summary>The projected members of <paramref name="source"/> but its <c>_links</c>, which it returns.</summary>
    private JsonNode? WriteMembers(Utf8JsonWriter writer, JsonObject source, SchemaNode node, bool wholesale, LinksMode mode)
    {
        var inner = mode == LinksMode.Hal ? LinksMode.Hal : LinksMode.PlainNested;
        JsonNode? links = null;
        for (var i = 0; i < source.Count; i++) // by index: the interface enumerator would allocate
        {
            var (name, value) = source.GetAt(i);
            if (value is null)
                continue;
            if (name == "_links")
            {
                links = value;
                continue;
            }

            if (node.Children.TryGetValue(name, out var child))
            {
                var included = _included[child.Index];
                if (!child.Def.IsReadable || !_descend[child.Index] || !HasContent(value, child, included))
                    continue;
                writer.WritePropertyName(name);
                WriteValue(writer, value, child, included, inner);
            }
            else if (wholesale)
            {
                writer.WritePropertyName(name);
                WriteAsIs(writer, value, inner);
            }
        }

        return links;
    }

    private void WriteValue(Utf8JsonWriter writer, JsonNode value, SchemaNode node, bool included, LinksMode mode)
    {
        switch (value)
        {
            case JsonObject obj:
                WriteObject(writer, obj, node, included, mode);
                break;
            case JsonArray array:
                writer.WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var element = array[i];
                    if (element is JsonObject o)
                    {
                        if (HasContent(o, node, included))
                            WriteObject(writer, o, node, included, mode);
                    }
                    else if (included && element is not null)
                        WriteAsIs(writer, element, mode);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteAsIs(writer, value, mode);
                break;
        }
    }

    private static void WriteLinks(Utf8JsonWriter writer, JsonNode links, LinksMode mode)
    {
        switch (mode)
        {
            case LinksMode.Hal:
                writer.WritePropertyName("_links");
                links.WriteTo(writer);
                break;
            case LinksMode.PlainRoot when links is JsonObject o && o.TryGetPropertyValue("next", out var next):
                writer.WriteStartObject("_links");
                writer.WritePropertyName("next");
                PlainJsonWriter.WriteNode(writer, next);
                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>A value taken whole (Project clones it): as it is, or without its <c>_links</c> in plain mode.</summary>
    private static void WriteAsIs(Utf8JsonWriter writer, JsonNode value, LinksMode mode)
    {
        if (mode == LinksMode.Hal)
            LongStrings.Write(writer, value);
        else
            PlainJsonWriter.WriteNode(writer, value);
    }

    private static SchemaNode NamedNode(string name, ResourceSchema schema)
    {
        var node = schema.FindNode(schema.FieldAliases.GetValueOrDefault(name, name));
        if (node is null || !node.Def.IsReadable)
            throw OntapErrors.InvalidFieldValue.With("fields", name, "fields");
        return node;
    }

    private static bool IsLinks(string path) =>
        path == "_links" || path.EndsWith("._links", StringComparison.Ordinal);
}
