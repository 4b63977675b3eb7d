using Keyhold.Storage;

namespace Keyhold.Tests.Support;

/// <summary>Stores for the contract suites: SQLite in a temp folder, PostgreSQL in a fresh database (or a skip).</summary>
public static class StoreFixtures
{
    public static SqliteStore Sqlite(string dir) => new(Path.Combine(dir, "keyhold.db"));

    /// <summary>
    /// A store on <paramref name="database"/> with a small pool: test classes run side by side, and the server takes
    /// only so many clients (100 by default), fewer than two default pools.
    /// </summary>
    public static PostgresStore Postgres(PostgresDatabase database) =>
        new(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 20 }.ToString());

    /// <summary>A fresh database; the test is skipped when no server is available (and fails when one is required).</summary>
    public static PostgresDatabase Postgres() => PostgresDatabase.Create();
}
