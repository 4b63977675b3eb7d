using System.Data.Common;
using Keyhold.Ontap;
using Keyhold.Keys;

namespace Keyhold.External;

/// <summary>
/// Which configured key servers hold an external key, per the locations in its row. The 65536700 guard and the
/// transactions that store a key's locations both read the servers inside their transaction, so a server cannot be
/// removed between a key being registered on it and the key's row being stored.
/// </summary>
public static class KeyHolders
{
    /// <summary>The configured servers that hold the key. A row without locations counts as held by every configured server.</summary>
    public static IReadOnlySet<string> Of(DataKey key, IReadOnlySet<string> configured)
    {
        var locations = KeyLocations.Read(key.Metadata);
        return locations.Count == 0 ? configured : locations.Select(l => l.Server).Where(configured.Contains).ToHashSet();
    }

    /// <summary>Removing <paramref name="server"/> would leave the key on no configured server.</summary>
    public static bool OnlyOn(DataKey key, string server, IReadOnlySet<string> configured) =>
        Of(key, configured) is { Count: 1 } holders && holders.Contains(server);

    /// <summary>Inside the transaction that stores an external key's row: one of its servers is still configured, else 409 (retry).</summary>
    public static async Task EnsureHeldAsync(DbConnection c, DbTransaction tx, DataKey key, string? target, CancellationToken ct)
    {
        if (KeyLocations.Read(key.Metadata).Count == 0)
        {
            return;
        }
        var configured = (await ExternalRepository.ServersAsync(c, tx, key.KeyManagerUuid, ct)).Select(s => s.Server).ToHashSet();
        if (Of(key, configured).Count == 0)
        {
            throw OntapErrors.KeyManagerChanged.With(target);
        }
    }
}
