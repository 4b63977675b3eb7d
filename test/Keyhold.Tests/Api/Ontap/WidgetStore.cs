using System.Text.Json.Nodes;
using Keyhold.Storage.Query;
using Microsoft.Data.Sqlite;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>The widgets in a real in-memory SQLite table; <see cref="FetchAsync"/> runs the SqlPlan like a resource would.</summary>
internal sealed class WidgetStore : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly Dictionary<string, Widgets.Row> _rows;

    public WidgetStore(int count)
    {
        _connection.Open();
        Execute("CREATE TABLE widgets (uuid TEXT PRIMARY KEY, name TEXT NOT NULL, size INTEGER, enabled INTEGER, created TEXT, " +
                "comment TEXT, svm_name TEXT, svm_uuid TEXT, status_code INTEGER, secret TEXT)");
        var rows = Widgets.Seed(count);
        _rows = rows.ToDictionary(r => r.Uuid);
        using var transaction = _connection.BeginTransaction();
        foreach (var row in rows)
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO widgets VALUES ($u, $n, $s, $e, $c, $m, $v, $vu, $sc, 'x')";
            insert.Parameters.AddWithValue("$u", row.Uuid);
            insert.Parameters.AddWithValue("$n", row.Name);
            insert.Parameters.AddWithValue("$s", row.Size);
            insert.Parameters.AddWithValue("$e", row.Enabled);
            insert.Parameters.AddWithValue("$c", SqliteDialect.FormatDateTime(row.Created));
            insert.Parameters.AddWithValue("$m", (object?)row.Comment ?? DBNull.Value);
            insert.Parameters.AddWithValue("$v", row.SvmName);
            insert.Parameters.AddWithValue("$vu", "svm-" + row.SvmName);
            insert.Parameters.AddWithValue("$sc", row.StatusCode);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The SQL statements run so far (to assert that paging happened in the store).</summary>
    public List<string> Statements { get; } = [];

    public int RowsRead { get; private set; }

    public IReadOnlyList<Widgets.Row> All => [.. _rows.Values];

    public Task<IReadOnlyList<JsonObject>> FetchAsync(SqlPlan plan, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = plan.ToSql("SELECT uuid FROM widgets");
        plan.Bind(command);
        Statements.Add(command.CommandText);
        var records = new List<JsonObject>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            records.Add(Widgets.Record(_rows[reader.GetString(0)]));
        }

        RowsRead += records.Count;
        return Task.FromResult<IReadOnlyList<JsonObject>>(records);
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
