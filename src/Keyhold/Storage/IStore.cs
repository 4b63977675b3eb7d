using System.Data.Common;

namespace Keyhold.Storage;

/// <summary>
/// The cluster store. Every change runs inside one transaction: either all of it lands or none.
/// SQL handed to it must be portable between SQLite and PostgreSQL (parameters as @name).
/// </summary>
public interface IStore
{
    string Kind { get; }

    Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);
}
