using Keyhold.Ontap;

namespace Keyhold.External;

/// <summary>
/// The rules of a primary's secondary key servers (ONTAP 9.11.1+): at most three (NetApp's KB: one primary and up to three
/// secondaries), each a host with an optional port (the primary's port when none is given), none repeated, none the
/// primary itself or another primary of the key manager.
/// </summary>
public static class SecondaryKeyServers
{
    public const int Max = 3;

    /// <summary>The list normalised (lower-case host, explicit port) and joined for the store; '' for none.</summary>
    public static string Check(IReadOnlyList<string> given, KeyServer primary, IEnumerable<KeyServer> primaries)
    {
        const string target = "secondary_key_servers";
        if (given.Count > Max)
        {
            throw OntapErrors.SecondaryKeyServersTooMany.With(target);
        }
        var own = primary.Address;
        var normalised = new List<string>();
        foreach (var text in given)
        {
            if (string.IsNullOrWhiteSpace(text) || text.Contains(',', StringComparison.Ordinal) || !ServerAddress.TryParse(text, out var address))
            {
                throw OntapErrors.SecondaryKeyServerMalformed.With(target);
            }
            // A secondary given without a port listens where its primary does.
            if (!HasPort(text))
            {
                address = address with { Port = own.Port };
            }
            normalised.Add(address.ToString());
        }
        if (normalised.Distinct(StringComparer.Ordinal).Count() != normalised.Count)
        {
            throw OntapErrors.SecondaryKeyServersDuplicated.With(target);
        }
        if (normalised.Contains(own.ToString()))
        {
            throw OntapErrors.SecondaryDuplicatesPrimary.With(target);
        }
        var others = primaries.Where(p => p.Server != primary.Server).Select(p => p.Address.ToString()).ToHashSet(StringComparer.Ordinal);
        if (normalised.Any(others.Contains))
        {
            throw OntapErrors.SecondaryIsAlsoPrimary.With(target);
        }
        return string.Join(',', normalised);
    }

    private static bool HasPort(string text)
    {
        var value = text.Trim();
        return value.StartsWith('[') ? value.Contains("]:", StringComparison.Ordinal) : value.Count(c => c == ':') == 1;
    }
}
