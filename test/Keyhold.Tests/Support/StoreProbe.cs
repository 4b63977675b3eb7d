using Microsoft.Data.Sqlite;

namespace Keyhold.Tests.Support;

/// <summary>Reads the SQLite store file directly, to check what a request really stored.</summary>
public static class StoreProbe
{
    public static List<object?[]> Rows(string dataDir, string sql, string file = "keyhold.db")
    {
        using var connection = Open(dataDir, file);
        return Rows(connection, sql);
    }

    /// <summary>A read-only connection of its own to the store file, outside the node's pool.</summary>
    public static SqliteConnection Open(string dataDir, string file = "keyhold.db")
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, file)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// A query for what <paramref name="table"/> means rather than how it is stored: row_counts holds +1/-1 deltas that
    /// the node folds on its own (Storage/RowCounts), so its meaning is each name's sum.
    /// </summary>
    public static string ContentsOf(string table) =>
        table == "row_counts" ? "SELECT name, SUM(n) FROM row_counts GROUP BY name HAVING SUM(n) <> 0" : $"SELECT * FROM \"{table}\"";

    public static long Count(string dataDir, string table) => (long)Rows(dataDir, $"SELECT COUNT(*) FROM {table}")[0][0]!;

    /// <summary>Every byte of every file in the data folder, to search for secrets written in the clear.</summary>
    public static byte[] AllBytes(string dataDir) =>
        Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories).SelectMany(File.ReadAllBytes).ToArray();
}
