using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keyhold.Storage;

/// <summary>
/// Recognises a store's refusal of a duplicate in a UNIQUE constraint. A rule such as "names are unique" is kept by the
/// constraint inside the write rather than by a read before the insert: on PostgreSQL that read would be a predicate
/// that every concurrent insert near it conflicts with (SERIALIZABLE tracks index pages), so inserts with neighbouring
/// names would abort each other; the constraint orders them without a read.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067; // SQLITE_CONSTRAINT_UNIQUE

    private const int SqliteConstraintPrimaryKey = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY

    /// <summary>True when <paramref name="e"/> is a duplicate refused by a constraint on <paramref name="table"/> whose columns are <paramref name="columns"/> (in their declared order).</summary>
    public static bool Is(Exception e, string table, params string[] columns) => e switch
    {
        // SQLite names the columns: "SQLite Error 19: 'UNIQUE constraint failed: volumes.svm_uuid, volumes.name'."
        SqliteException s when s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey =>
            s.Message.Contains("constraint failed: " + string.Join(", ", columns.Select(c => table + "." + c)) + "'", StringComparison.Ordinal),
        // PostgreSQL names the constraint: a table's UNIQUE (a, b) is "table_a_b_key" unless named otherwise.
        PostgresException p when p.SqlState == PostgresErrorCodes.UniqueViolation =>
            p.TableName == table && p.ConstraintName == table + "_" + string.Join("_", columns) + "_key",
        _ => false,
    };
}
