using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>Stable in-memory order_by for fields the store cannot order (unset first ascending, like the SQL dialects).</summary>
internal static class RecordSorter
{
    public static List<JsonObject> Sort(List<JsonObject> records, IReadOnlyList<OrderTerm> terms)
    {
        if (terms.Count == 0)
            return records;
        var keyed = records.Select((r, i) => (Record: r, Index: i, Keys: terms.Select(t => SortKey(r, t.Field)).ToArray())).ToList();
        keyed.Sort((a, b) =>
        {
            for (var t = 0; t < terms.Count; t++)
            {
                var c = CompareKeys(a.Keys[t], b.Keys[t]);
                if (c != 0)
                    return terms[t].Descending ? -c : c;
            }

            return a.Index.CompareTo(b.Index); // keep the store's default order between equals
        });
        return keyed.ConvertAll(k => k.Record);
    }

    private static int CompareKeys(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        _ => TypedValue.Compare(a, b),
    };

    // The first value on the path (first element when it crosses an array).
    private static object? SortKey(JsonNode? node, FieldDef field)
    {
        foreach (var segment in field.Path.Split('.'))
        {
            while (node is JsonArray array)
                node = array.Count > 0 ? array[0] : null;
            node = node is JsonObject obj ? obj[segment] : null;
        }

        while (node is JsonArray array)
            node = array.Count > 0 ? array[0] : null;
        return node is null ? null : TypedValue.FromJson(node, field.Kind);
    }
}
