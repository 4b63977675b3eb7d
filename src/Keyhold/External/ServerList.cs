using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.External;

/// <summary>The limits every list of new servers obeys: at most 4 in all (65536038), no duplicates (65536871).</summary>
public static class ServerList
{
    public const int Max = 4;

    /// <summary>The normalised servers of a JSON array of {"server": ...}; empty or absent is 65536876.</summary>
    public static List<string> FromRecords(JsonNode? records, string target)
    {
        if (records is not JsonArray { Count: > 0 } list)
        {
            throw OntapErrors.ExternalRequiresCertsAndServers.With(target);
        }
        return list.Select(r => r is JsonObject o && o.GetString("server") is { } s
            ? ServerAddress.Parse(s, target + ".server").ToString()
            : throw OntapErrors.ExternalRequiresCertsAndServers.With(target)).ToList();
    }

    /// <summary>Checks <paramref name="added"/> against each other and the <paramref name="existing"/> servers.</summary>
    public static void Check(IReadOnlyCollection<string> existing, IReadOnlyList<string> added, string target)
    {
        if (existing.Count + added.Count > Max)
        {
            throw OntapErrors.MaxKeyServers.With(target);
        }
        if (added.Distinct(StringComparer.Ordinal).Count() != added.Count || added.Any(existing.Contains))
        {
            throw OntapErrors.DuplicateKeyServers.With(target);
        }
    }
}
