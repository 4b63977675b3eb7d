using Microsoft.Data.Sqlite;

namespace Keyhold.Storage;

/// <summary>
/// A SQLite connection that keeps its prepared statements. Microsoft.Data.Sqlite prepares a command's SQL anew for
/// every new command object and drops the statements when the connection closes, so parsing and planning the same
/// few statements dominated the store's cost. <see cref="SqliteStore"/> keeps these connections open in its own pool;
/// <see cref="Db"/> rents a command for a SQL text and returns it after use. One caller at a time, like any connection.
/// </summary>
internal sealed class StatementCachingConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>Distinct statements kept; collection queries vary with their filters, so the cache is bounded.</summary>
    internal const int MaxStatements = 128;

    private readonly Dictionary<string, SqliteCommand> idle = new(StringComparer.Ordinal);

    /// <summary>A command for <paramref name="sql"/>, already prepared when it ran before on this connection.</summary>
    public SqliteCommand Rent(string sql)
    {
        // Removed while rented, so a nested use of the same SQL gets its own command.
        if (idle.Remove(sql, out var command))
        {
            return command;
        }
        command = CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Takes a command back; its parameters and transaction are cleared so nothing outlives the call.</summary>
    public void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (idle.Count >= MaxStatements)
        {
            // Full: start over rather than keep whichever statements happened to come first.
            foreach (var old in idle.Values)
            {
                old.Dispose();
            }
            idle.Clear();
        }
        if (!idle.TryAdd(command.CommandText, command))
        {
            command.Dispose();
        }
    }
}
