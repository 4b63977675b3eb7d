using System.Text.Json.Nodes;

namespace Keyhold.Ontap.Schemas;

/// <summary>The stored-only fields a POST or PATCH sets, each checked against ONTAP's rule before anything changes.</summary>
public sealed class VolumeAttributeChanges
{
    private readonly List<(VolumeAttribute Attribute, JsonNode Value)> values = [];
    private JsonArray? aggregates;

    /// <summary>An explicit null is "not given", as for the other volume fields; an array where ONTAP has one value is refused.</summary>
    public static VolumeAttributeChanges Read(JsonObject body, Operation op) =>
        Read(body, op, VolumeAttributes.All, op == Operation.Create ? VolumeAggregates.Read : _ => null);

    /// <param name="attributes">The resource's stored-only fields.</param>
    /// <param name="aggregates">The body's aggregates as stored, or null to leave them.</param>
    public static VolumeAttributeChanges Read(JsonObject body, Operation op, IEnumerable<VolumeAttribute> attributes, Func<JsonObject, JsonArray?> aggregates)
    {
        var changes = new VolumeAttributeChanges();
        foreach (var attribute in attributes.Where(a => a.Field.IsWritable(op)))
        {
            if (VolumeAttributeJson.At(body, attribute.Path) is { } value)
            {
                changes.values.Add((attribute, value is JsonValue && attribute.IsValid(value)
                    ? value.DeepClone()
                    : throw OntapErrors.InvalidFieldValue.With(attribute.Path, BodyValidator.Text(value), attribute.Path)));
            }
        }
        changes.aggregates = aggregates(body);
        return changes;
    }

    /// <summary>The stored attributes (JSON text) with these changes made.</summary>
    public string ApplyTo(string stored)
    {
        var json = JsonNode.Parse(stored) as JsonObject ?? [];
        foreach (var (attribute, value) in values)
        {
            if (attribute.EmptyClears && value.GetValue<string>().Length == 0)
            {
                Remove(json, attribute.Path);
            }
            else
            {
                json.Set(attribute.Path, value.DeepClone());
            }
        }
        if (aggregates is not null)
        {
            json["aggregates"] = aggregates.DeepClone();
        }
        return json.ToJsonString();
    }

    /// <summary>Removes a dotted path and the containers it leaves empty.</summary>
    private static void Remove(JsonObject json, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            json.Remove(path);
        }
        else if (json[path[..dot]] is JsonObject child)
        {
            Remove(child, path[(dot + 1)..]);
            if (child.Count == 0)
            {
                json.Remove(path[..dot]);
            }
        }
    }
}
