using Npgsql;

namespace Keyhold.Tests.Support;

/// <summary>
/// A fresh database on the PostgreSQL server named by KEYHOLD_TEST_POSTGRES (an Npgsql connection
/// string), which ./test.sh starts as a private cluster.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly string server;

    private PostgresDatabase(string server)
    {
        this.server = server;
        Name = "keyhold_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A fresh database; the test is skipped when no server is available (and fails when one is required).</summary>
    public static PostgresDatabase Create() => new(Requirements.Postgres());

    public List<object?[]> Rows(string sql) => Rows(ConnectionString, sql);

    /// <summary>Every row of <paramref name="sql"/> on <paramref name="connectionString"/>, DBNull as null.</summary>
    public static List<object?[]> Rows(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
        }
        return rows;
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
