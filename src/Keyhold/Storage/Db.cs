using System.Data.Common;
using Npgsql;

namespace Keyhold.Storage;

/// <summary>Thin ADO.NET helpers so repositories read as SQL, not plumbing.</summary>
public static class Db
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (connection is NpgsqlConnection && ByPosition(sql, parameters) is { } positional)
        {
            command.CommandText = positional.Sql;
            foreach (var value in positional.Values)
            {
                AddParameter(command, "", value);
            }
            return command;
        }
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }
        return command;
    }

    /// <summary>PostgreSQL's own placeholders and the values in their order, when <see cref="PositionalSql"/> can tell; else null.</summary>
    private static (string Sql, object?[] Values)? ByPosition(string sql, (string Name, object? Value)[] parameters) =>
        parameters.Length > 0 && PositionalSql.Of(sql) is { } translated && PositionalSql.Values(translated.Names, parameters) is { } values
            ? (translated.Sql, values)
            : null;

    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = ProviderValue(value);
        command.Parameters.Add(p);
    }

    /// <summary>A value as both stores keep it: text for times and uuids, 0/1 for booleans.</summary>
    private static object ProviderValue(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1 : 0,
        DateTimeOffset d => d.UtcDateTime.ToString("O"),
        Guid g => g.ToString(),
        _ => value,
    };

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        var command = Rent(connection, transaction, sql, parameters);
        try
        {
            var affected = await command.ExecuteNonQueryAsync(ct);
            await ReturnAsync(command);
            return affected;
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="statements"/> in order and returns the rows each changed. Where the provider can batch
    /// (Npgsql) they go to the server together: one round trip instead of one each, which under load is one wait for
    /// both processes to be scheduled instead of several. Elsewhere (SQLite, in-process) one after the other. A
    /// statement that fails stops the rest and throws, as it would alone; inside a transaction the caller rolls back.
    /// </summary>
    public static async Task<int[]> ExecuteAllAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        var affected = new int[statements.Count];
        if (!connection.CanCreateBatch)
        {
            for (var i = 0; i < statements.Count; i++)
            {
                affected[i] = await ExecuteAsync(connection, transaction, statements[i].Sql, ct, statements[i].Parameters);
            }
            return affected;
        }
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            Add(batch, statement);
        }
        await batch.ExecuteNonQueryAsync(ct);
        for (var i = 0; i < statements.Count; i++)
        {
            affected[i] = batch.BatchCommands[i].RecordsAffected;
        }
        return affected;
    }

    /// <summary>Appends <paramref name="statement"/> to <paramref name="batch"/>, its values converted like every other, and returns its command.</summary>
    public static DbBatchCommand Add(DbBatch batch, Statement statement)
    {
        var command = batch.CreateBatchCommand();
        if (batch is NpgsqlBatch && ByPosition(statement.Sql, statement.Parameters) is { } positional)
        {
            command.CommandText = positional.Sql;
            foreach (var value in positional.Values)
            {
                var p = command.CreateParameter();
                p.Value = ProviderValue(value);
                command.Parameters.Add(p);
            }
        }
        else
        {
            command.CommandText = statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = ProviderValue(value);
                command.Parameters.Add(p);
            }
        }
        batch.BatchCommands.Add(command);
        return command;
    }

    public static Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string, object?)[] parameters) =>
        QueryAsync(connection, transaction, sql, parameters, [], map, ct);

    /// <summary>
    /// A query with <paramref name="parameters"/> converted like every other value, plus <paramref name="providerValues"/> bound exactly as given: values a dialect already put in the provider's
    /// form (a timestamptz operand stays a DateTimeOffset, a boolean a boolean).
    /// </summary>
    internal static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql,
        (string, object?)[] parameters, IReadOnlyList<KeyValuePair<string, object?>> providerValues, Func<DbDataReader, T> map, CancellationToken ct)
    {
        var rows = new List<T>();
        await ForEachAsync(connection, transaction, sql, parameters, providerValues, map, row =>
        {
            rows.Add(row);
            return ValueTask.FromResult(true);
        }, ct);
        return rows;
    }

    /// <summary>
    /// Like the query with provider values above,
    /// but hands each row to <paramref name="each"/> as it is read, keeping none: a collection of any size costs one row
    /// of memory. <paramref name="each"/> returns false to stop reading.
    /// </summary>
    internal static async Task ForEachAsync<T>(DbConnection connection, DbTransaction? transaction, string sql,
        (string, object?)[] parameters, IReadOnlyList<KeyValuePair<string, object?>> providerValues, Func<DbDataReader, T> map,
        Func<T, ValueTask<bool>> each, CancellationToken ct)
    {
        // Provider values are bound by name after the others: such a command keeps its names throughout (Npgsql refuses a mix).
        var command = providerValues.Count == 0 ? Rent(connection, transaction, sql, parameters) : Named(connection, transaction, sql, parameters);
        foreach (var (name, value) in providerValues)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        try
        {
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct) && await each(map(reader)))
                {
                }
            }
            await ReturnAsync(command);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    public static async Task<T?> SingleOrDefaultAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string, object?)[] parameters)
        where T : class
    {
        var rows = await QueryAsync(connection, transaction, sql, map, ct, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        var command = Rent(connection, transaction, sql, parameters);
        try
        {
            var value = await command.ExecuteScalarAsync(ct);
            await ReturnAsync(command);
            return value is DBNull ? null : value;
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Like <see cref="Command"/>, but on a <see cref="StatementCachingConnection"/> reuses its prepared statement.
    /// After success hand it to <see cref="ReturnAsync"/>; after a failure dispose it (its statement may be mid-step).
    /// </summary>
    private static DbCommand Rent(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        if (connection is not StatementCachingConnection cached)
        {
            return Command(connection, transaction, sql, parameters);
        }
        return Named(cached, transaction, sql, parameters);
    }

    /// <summary>As <see cref="Rent"/>, with every parameter bound by name.</summary>
    private static DbCommand Named(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        if (connection is not StatementCachingConnection cached)
        {
            var plain = connection.CreateCommand();
            plain.Transaction = transaction;
            plain.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                AddParameter(plain, name, value);
            }
            return plain;
        }
        var command = cached.Rent(sql);
        command.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction?)transaction;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }
        return command;
    }

    private static ValueTask ReturnAsync(DbCommand command)
    {
        if (command is Microsoft.Data.Sqlite.SqliteCommand { Connection: StatementCachingConnection cached } sqlite)
        {
            cached.Return(sqlite);
            return ValueTask.CompletedTask;
        }
        return command.DisposeAsync();
    }

    public static string? StringOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static byte[]? BytesOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

    public static bool Bool(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) != 0;

    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => DateTimeOffset.Parse(reader.GetString(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
