using System.Data.Common;

using Keyhold.Storage.Query;

namespace Keyhold.Storage;

/// <summary>
/// The cluster store. Every change runs inside one transaction: either all of it lands or none.
/// SQL handed to it must be portable between SQLite and PostgreSQL (parameters as @name).
/// </summary>
public interface IStore
{
    string Kind { get; }

    /// <summary>The SQL spellings of this store: collection queries and schema steps are written through it.</summary>
    ISqlDialect Dialect { get; }

    Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);
}
