using System.Data.Common;

namespace Keyhold.Keys;

/// <summary>
/// Runs inside the transaction that stores a new key's row: the places the key was put must still belong to its key
/// manager (an external key's servers may have been removed meanwhile), else 409 so the caller retries. Lets a
/// consumer such as Volumes store keys without knowing each key manager kind.
/// </summary>
public interface IKeyRowCheck
{
    /// <summary>
    /// False when <see cref="EnsureHeldAsync"/> has nothing to check for <paramref name="key"/>: its row can then be
    /// stored by statements alone, with no read in between (<see cref="Storage.IStore.WriteStatementsAsync"/>).
    /// </summary>
    bool Applies(DataKey key) => true;

    Task EnsureHeldAsync(DbConnection c, DbTransaction tx, DataKey key, string? target, CancellationToken ct);
}
