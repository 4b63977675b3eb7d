using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Cluster;

/// <summary>
/// The cluster's contact and location (PATCH /api/cluster in ONTAP 9.7). Kept in the shared store, not in the
/// <see cref="ClusterContext"/> fixed at start, so every node shows what any node last set.
/// </summary>
public sealed class ClusterIdentityService(IStore store)
{
    /// <summary>Keyhold's bound: ONTAP documents none, and both are one line of free text.</summary>
    public const int MaxLength = 255;

    public Task<ClusterIdentity> GetAsync(CancellationToken ct) =>
        store.ReadAsync(async (c, t) => await Db.SingleOrDefaultAsync(c, null, "SELECT contact, location FROM cluster",
            r => new ClusterIdentity(r.StringOrNull(0), r.StringOrNull(1)), t) ?? new ClusterIdentity(null, null), ct);

    /// <summary>Sets the fields given (null: left as it is); both are checked before anything changes.</summary>
    public async Task ModifyAsync(ClusterIdentity change, CancellationToken ct)
    {
        Validate("contact", change.Contact);
        Validate("location", change.Location);
        // Only the columns given are named, so no parameter is a typeless NULL (PostgreSQL must infer each one's type).
        var given = new[] { ("contact", change.Contact), ("location", change.Location) }.Where(f => f.Item2 is not null).ToArray();
        if (given.Length == 0)
        {
            return;
        }
        await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx,
            "UPDATE cluster SET " + string.Join(", ", given.Select(f => $"{f.Item1} = @{f.Item1}")), t,
            [.. given.Select(f => ("@" + f.Item1, (object?)f.Item2))]), ct);
    }

    private static void Validate(string field, string? value)
    {
        if (value is not null && (value.Length > MaxLength || value.Any(char.IsControl)))
        {
            throw new OntapException(OntapErrors.InvalidFieldValue, field, value, field);
        }
    }
}
