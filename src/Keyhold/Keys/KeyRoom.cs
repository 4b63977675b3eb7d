using Keyhold.Storage;

namespace Keyhold.Keys;

/// <summary>
/// A condition an INSERT of a key (and of its consumer's row) carries: the key manager holds fewer than
/// <paramref name="Max"/> keys, read from the counts kept beside the rows (<see cref="RowCounts"/>: a sum over a few
/// rows under one index entry, not a COUNT(*) of the keys). Read in the statement's own snapshot, so statements that
/// all carry it land together or not at all, as with <see cref="EffectiveKeyManager.HeldBySql"/>.
/// </summary>
public sealed record KeyRoom(Guid KeyManager, long Max)
{
    /// <summary>" AND …", to append to a WHERE; empty for no room check (<paramref name="room"/> null).</summary>
    public static string Sql(KeyRoom? room) => room is null ? "" : Condition;

    /// <summary>The condition <see cref="Sql"/> appends, for statements that build their SQL text once.</summary>
    public const string Condition = " AND (SELECT COALESCE(SUM(rc.n), 0) FROM row_counts rc WHERE rc.name = @room_name) < @room_max";

    /// <summary>The parameters <see cref="Sql"/> names, appended to <paramref name="parameters"/>.</summary>
    public static (string Name, object? Value)[] With(KeyRoom? room, params (string Name, object? Value)[] parameters) =>
        room is null ? parameters : [.. parameters, ("@room_name", RowCounts.KeysOf(room.KeyManager)), ("@room_max", room.Max)];

    /// <summary>Whether the key manager is full, read in the caller's transaction (after a guarded INSERT stored nothing).</summary>
    public async Task<bool> IsFullAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, CancellationToken ct) =>
        await RowCounts.ReadAsync(c, tx, RowCounts.KeysOf(KeyManager), ct) >= Max;
}
