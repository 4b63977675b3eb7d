namespace Keyhold.Storage;

/// <summary>
/// A store that several processes share: schema steps are DDL, which transactions' isolation does not order, so the
/// process that migrates holds this lock around all its steps and the others wait for it.
/// </summary>
internal interface IMigrationLock
{
    Task<IAsyncDisposable> AcquireAsync(CancellationToken ct);
}
