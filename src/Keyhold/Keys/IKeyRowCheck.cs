using System.Data.Common;

namespace Keyhold.Keys;

/// <summary>
/// Runs inside the transaction that stores a new key's row: the places the key was put must still belong to its key
/// manager (an external key's servers may have been removed meanwhile), else 409 so the caller retries. Lets a
/// consumer such as Volumes store keys without knowing each key manager kind.
/// </summary>
public interface IKeyRowCheck
{
    Task EnsureHeldAsync(DbConnection c, DbTransaction tx, DataKey key, string? target, CancellationToken ct);
}
