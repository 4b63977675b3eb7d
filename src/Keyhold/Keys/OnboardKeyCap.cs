using System.Collections.Concurrent;
using Keyhold.Ontap;
using Keyhold.Storage;
using Microsoft.Extensions.Options;

namespace Keyhold.Keys;

/// <summary>
/// Keeps an onboard key manager within what one key_backup holds (<see cref="OnboardKeyCapOptions"/>). The check rides
/// in the INSERT that stores a key (<see cref="KeyRoom"/>), but only once the key manager is near the cap: a statement
/// that reads the counts conflicts, under PostgreSQL's SERIALIZABLE, with every concurrent insert that appends to them,
/// so far from the cap (below 90 % of it, by a count this node read less than a second ago) nothing is added to the
/// write. No node can add a tenth of a million keys between two reads.
/// </summary>
public sealed class OnboardKeyCap(IStore store, IOptions<OnboardKeyCapOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, (long Count, DateTimeOffset Read)> counts = new();

    public long Max => options.Value.OnboardMaxKeys;

    /// <summary>The room check a new key of <paramref name="km"/> must carry, or null when none is needed.</summary>
    public async ValueTask<KeyRoom?> RoomAsync(KeyManager km, CancellationToken ct)
    {
        if (km.Kind != KeyManager.Onboard)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (!counts.TryGetValue(km.Uuid, out var seen) || now - seen.Read > Fresh)
        {
            seen = (await RowCounts.ReadAsync(store, RowCounts.KeysOf(km.Uuid), ct), now);
            counts[km.Uuid] = seen;
        }
        // The margin is a tenth of the cap, and never under 10,000, so a small cap is always checked.
        return seen.Count >= Max - Math.Max(Max / 10, 10_000) ? new KeyRoom(km.Uuid, Max) : null;
    }

    /// <summary>
    /// 65537406 when moving <paramref name="adding"/> keys into <paramref name="km"/> (a migration, a key-store switch)
    /// would take it past the cap; nothing for an external key manager. Read in the caller's transaction (or snapshot),
    /// so the check in the transaction that moves the rows sees the count it changes.
    /// </summary>
    public async Task EnsureRoomForAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, KeyManager km, long adding, CancellationToken ct)
    {
        if (km.Kind != KeyManager.Onboard || adding <= 0)
        {
            return;
        }
        var held = await RowCounts.ReadAsync(c, tx, RowCounts.KeysOf(km.Uuid), ct);
        if (held >= Max)
        {
            throw OntapErrors.OnboardKeyCapReached.With("uuid", Max);
        }
        if (held + adding > Max)
        {
            throw OntapErrors.OnboardKeyCapWouldPass.With("uuid", adding, held + adding, Max);
        }
    }
}
