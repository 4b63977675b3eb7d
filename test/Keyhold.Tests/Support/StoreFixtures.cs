using Keyhold.Storage;

namespace Keyhold.Tests.Support;

/// <summary>Stores for the contract suites: SQLite in a temp folder, PostgreSQL in a fresh database (or a skip).</summary>
public static class StoreFixtures
{
    public static SqliteStore Sqlite(string dir) => new(Path.Combine(dir, "keyhold.db"));

    /// <summary>A fresh database; the test is skipped when KEYHOLD_TEST_POSTGRES is unset (and fails when it is required).</summary>
    public static PostgresDatabase Postgres()
    {
        var database = PostgresDatabase.TryCreate();
        Skip.If(database is null, "PostgreSQL is not available: set KEYHOLD_TEST_POSTGRES to an Npgsql connection string.");
        return database!;
    }
}
