using Keyhold.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keyhold.Tests.Cluster;

/// <summary>The store several test nodes share: one SQLite file, or a fresh PostgreSQL database; and a way to read it directly.</summary>
public sealed class SharedStore : IDisposable
{
    private readonly PostgresDatabase? database;

    private SharedStore(string? sqlitePath, PostgresDatabase? database)
    {
        SqlitePath = sqlitePath;
        this.database = database;
    }

    public string? SqlitePath { get; }

    public string? Postgres => database?.ConnectionString;

    public static SharedStore Sqlite() => new(Path.Combine(TempDir.Create(), "cluster.db"), null);

    /// <summary>A fresh PostgreSQL database; the test is skipped when no server is available (and fails when one is required).</summary>
    public static SharedStore OnPostgres() => new(null, PostgresDatabase.Create());

    public List<object?[]> Rows(string sql) =>
        database?.Rows(sql) ?? StoreProbe.Rows(Path.GetDirectoryName(SqlitePath)!, sql, Path.GetFileName(SqlitePath)!);

    /// <summary>Changes the store behind the nodes' backs, as a dead process would have left it.</summary>
    public void Execute(string sql)
    {
        using var connection = database is null
            ? (System.Data.Common.DbConnection)new SqliteConnection($"Data Source={SqlitePath};Pooling=False")
            : new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => database?.Dispose();
}
