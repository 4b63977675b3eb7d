using Keyhold.Ontap;

namespace Keyhold.External;

/// <summary>The limits every list of new servers obeys: at most 4 in all (65536038), no duplicates (65536871).</summary>
public static class ServerList
{
    public const int Max = 4;

    /// <summary>The normalised servers of records[].server; none, or a record without a server, is 65536876.</summary>
    public static List<string> FromRecords(IReadOnlyList<string?>? records, string target)
    {
        if (records is not { Count: > 0 })
        {
            throw OntapErrors.ExternalRequiresCertsAndServers.With(target);
        }
        return [.. records.Select(s => s is not null
            ? ServerAddress.Parse(s, target + ".server").ToString()
            : throw OntapErrors.ExternalRequiresCertsAndServers.With(target))];
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
