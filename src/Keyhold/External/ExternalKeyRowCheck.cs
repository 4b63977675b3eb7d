using System.Data.Common;
using Keyhold.Keys;

namespace Keyhold.External;

/// <summary>The <see cref="IKeyRowCheck"/> for external keys: one of the servers a key was put on is still configured.</summary>
public sealed class ExternalKeyRowCheck : IKeyRowCheck
{
    /// <summary>Only keys put on key servers have servers to check (as <see cref="KeyHolders.EnsureHeldAsync"/> decides).</summary>
    public bool Applies(DataKey key) => KeyLocations.Read(key.Metadata).Count != 0;

    public Task EnsureHeldAsync(DbConnection c, DbTransaction tx, DataKey key, string? target, CancellationToken ct) =>
        KeyHolders.EnsureHeldAsync(c, tx, key, target, ct);
}
