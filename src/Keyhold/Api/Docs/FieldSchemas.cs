using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>
/// A resource schema as a JSON Schema (OpenAPI 3.1): one property per field with its type, readOnly / writeOnly,
/// and ONTAP's create-only / modify-only markers, read from the same <see cref="FieldDef"/>s that check bodies.
/// </summary>
public static class FieldSchemas
{
    public static JsonObject Record(ResourceSchema schema)
    {
        var properties = new JsonObject();
        foreach (var (name, child) in schema.Root.Children)
        {
            properties[name] = Property(child);
        }
        properties["_links"] = new JsonObject { ["$ref"] = OpenApiRefs.Schema(OpenApiRefs.LinksSchema), ["readOnly"] = true };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = $"`{schema.CollectionPath}`. Key fields (always returned): {KeyList(schema)}.",
            ["properties"] = properties,
        };
    }

    private static string KeyList(ResourceSchema schema) =>
        schema.KeyFields.Count == 0 ? "none" : string.Join(", ", schema.KeyFields.Select(k => $"`{k}`"));

    private static JsonObject Property(SchemaNode node)
    {
        var value = Value(node);
        var property = StartsArray(node) ? new JsonObject { ["type"] = "array", ["items"] = value } : value;
        var returned = IsReturned(node);
        var create = node.CanWrite(Operation.Create);
        var modify = node.CanWrite(Operation.Modify);
        if (!returned)
        {
            property["writeOnly"] = true;
        }
        else if (!create && !modify)
        {
            property["readOnly"] = true;
        }
        if (create && !modify)
        {
            property["x-ntap-createOnly"] = true;
        }
        else if (modify && !create)
        {
            property["x-ntap-modifyOnly"] = true;
        }
        if (node.IsExpensiveRoot)
        {
            property["x-keyhold-expensive"] = true;
        }
        if (Description(node, returned, create, modify) is { Length: > 0 } description)
        {
            property["description"] = description;
        }
        return property;
    }

    private static JsonObject Value(SchemaNode node)
    {
        if (node.Def.Kind != FieldKind.Object)
        {
            return Scalar(node.Def.Kind);
        }
        var properties = new JsonObject();
        foreach (var (name, child) in node.Children)
        {
            properties[name] = Property(child);
        }
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    /// <summary>The JSON type of a leaf: the same kinds the body validator and filter parser check against.</summary>
    public static JsonObject Scalar(FieldKind kind) => kind switch
    {
        FieldKind.Integer => new JsonObject { ["type"] = "integer" },
        FieldKind.Boolean => new JsonObject { ["type"] = "boolean" },
        FieldKind.DateTime => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        FieldKind.Object => new JsonObject { ["type"] = "object" },
        _ => new JsonObject { ["type"] = "string" },
    };

    /// <summary>
    /// A field is an array where its path first crosses one (InArray set, parent's not). Arrays nested inside an
    /// array element are not marked in <see cref="FieldDef"/> and are shown as their element.
    /// </summary>
    private static bool StartsArray(SchemaNode node) => node.Def.InArray && node.Parent?.Def.InArray != true;

    /// <summary>GET may return it: a readable leaf, or a container with a returned child.</summary>
    private static bool IsReturned(SchemaNode node) => node.Def.Kind == FieldKind.Object
        ? !node.Def.IsWriteOnly && (node.Children.Count == 0 ? node.Def.IsReadable : node.Children.Values.Any(IsReturned))
        : node.Def.IsReadable;

    private static string Description(SchemaNode node, bool returned, bool create, bool modify)
    {
        var notes = new List<string>();
        if (node.IsKey)
        {
            notes.Add("Key field: always returned.");
        }
        if (node.IsExpensiveRoot)
        {
            notes.Add("Expensive: returned only when named in `fields` or with `fields=**`.");
        }
        if (!returned)
        {
            notes.Add("Write-only: never returned and not filterable.");
        }
        notes.Add((create, modify) switch
        {
            (true, true) => "Set in POST and PATCH.",
            (true, false) => "Set in POST only.",
            (false, true) => "Set in PATCH only.",
            _ => "",
        });
        return string.Join(' ', notes.Where(n => n.Length > 0));
    }
}
