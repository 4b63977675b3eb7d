using Keyhold.Storage;

namespace Keyhold.Tests.Support;

/// <summary>Stores for the contract suites: SQLite in a temp folder, PostgreSQL in a fresh database (or a skip).</summary>
public static class StoreFixtures
{
    public static SqliteStore Sqlite(string dir) => new(Path.Combine(dir, "keyhold.db"));

    /// <summary>A fresh database; the test is skipped when KEYHOLD_TEST_POSTGRES is unset (and fails when it is required).</summary>
    /// <summary>
    /// A store on <paramref name="database"/> with a small pool: test classes run side by side, and the server takes
    /// only so many clients (100 by default), fewer than two default pools.
    /// </summary>
    public static PostgresStore Postgres(PostgresDatabase database) =>
        new(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 20 }.ToString());

    public static PostgresDatabase Postgres()
    {
        var database = PostgresDatabase.TryCreate();
        Skip.If(database is null, "PostgreSQL is not available: set KEYHOLD_TEST_POSTGRES to an Npgsql connection string.");
        return database!;
    }
}
