using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>
/// Read-only JSON objects built once per distinct key and shared by every record that carries that key (most records of
/// a page carry the same few stored texts): a page no longer parses and rebuilds them per row. Bounded: past
/// <paramref name="maxKept"/> keys the cache starts over, so memory stays small whatever the store holds.
/// </summary>
internal sealed class SharedJson<TKey>(int maxKept, Func<TKey, JsonObject> build)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, JsonObject> kept = new();

    /// <summary>The object for <paramref name="key"/>; never change the object returned.</summary>
    public JsonObject Of(TKey key)
    {
        if (kept.TryGetValue(key, out var shared))
            return shared;
        var json = build(key);
        Materialize(json);
        if (kept.Count >= maxKept)
            kept.Clear();
        return kept.GetOrAdd(key, json);
    }

    // A parsed node builds its members on first read; reading them all now means concurrent readers only ever read.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                    Materialize(value);
                break;
            case JsonArray array:
                foreach (var value in array)
                    Materialize(value);
                break;
        }
    }
}
