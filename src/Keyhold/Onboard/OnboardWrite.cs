using System.Data.Common;

namespace Keyhold.Onboard;

/// <summary>
/// A checked onboard change whose costly part (the KDF) is done, waiting to be written inside the caller's transaction,
/// so a PATCH that also changes other fields of the key manager commits once. Dispose it after the transaction.
/// </summary>
public sealed class OnboardWrite(Func<DbConnection, DbTransaction, CancellationToken, Task> apply, IDisposable? secret) : IDisposable
{
    public Task ApplyAsync(DbConnection c, DbTransaction tx, CancellationToken ct) => apply(c, tx, ct);

    public void Dispose() => secret?.Dispose();
}
