using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>Expands dotted keys (<c>{"encryption.enabled":true}</c> → <c>{"encryption":{"enabled":true}}</c>), as ONTAP accepts both.</summary>
internal static class BodyExpander
{
    public static JsonObject Expand(JsonObject source)
    {
        var properties = source.ToList();
        source.Clear(); // detach the values so they can move into the new tree
        var result = new JsonObject();
        foreach (var (key, value) in properties)
        {
            var expanded = value switch
            {
                JsonObject obj => Expand(obj),
                JsonArray array => ExpandElements(array),
                _ => value,
            };
            var target = result;
            var segments = key.Split('.');
            if (segments.Any(s => s.Length == 0))
                throw OntapErrors.UnexpectedArgument.With(key, key);
            for (var i = 0; i < segments.Length - 1; i++)
            {
                if (!target.TryGetPropertyValue(segments[i], out var next))
                    target[segments[i]] = next = new JsonObject();
                target = next as JsonObject ?? throw Conflict(key);
            }

            Merge(target, segments[^1], expanded, key);
        }

        return result;
    }

    private static JsonArray ExpandElements(JsonArray array)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject element)
                array[i] = Expand(element);
        }

        return array;
    }

    // The same field given twice ("svm":{"name"} and "svm.name") is only fine when both are objects.
    private static void Merge(JsonObject target, string name, JsonNode? value, string key)
    {
        if (!target.TryGetPropertyValue(name, out var existing))
        {
            target[name] = value;
            return;
        }

        if (existing is not JsonObject into || value is not JsonObject from)
            throw Conflict(key);
        var properties = from.ToList();
        from.Clear();
        foreach (var (childName, childValue) in properties)
            Merge(into, childName, childValue, key + "." + childName);
    }

    private static OntapException Conflict(string key) => OntapErrors.InvalidJson.With(key);
}
