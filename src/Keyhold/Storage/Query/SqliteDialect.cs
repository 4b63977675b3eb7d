using System.Globalization;

using Keyhold.Ontap;

namespace Keyhold.Storage.Query;

/// <summary>
/// SQLite (Microsoft.Data.Sqlite). LIKE is case-insensitive for ASCII; default BINARY collation compares ordinally;
/// NULL sorts first. DateTime columns must hold <see cref="FormatDateTime"/> text so that text order is time order.
/// </summary>
public sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    /// <summary>Fixed-width UTC ISO 8601 ("2024-05-01T12:00:00.0000000Z"), the storage format of DateTime columns.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);

    public string Parameter(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    public string CaseInsensitiveLike(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    // BINARY collation compares bytes; lower() folds ASCII only, as LIKE does.
    public string FoldedRange(string column, string low, string high) => $"(lower({column}) >= {low} AND lower({column}) < {high})";

    public string Comparable(string column, FieldKind kind) => column;

    public string OrderTerm(string column, FieldKind kind, bool descending) => column + (descending ? " DESC" : " ASC");

    // json_extract gives TEXT, INTEGER, or 1/0 for true/false: what columns and bound parameters of those kinds hold.
    public string JsonValue(string column, string path, FieldKind kind, object? fallback)
    {
        var value = $"json_extract({column}, '$.{path}')";
        return fallback is null ? value : $"COALESCE({value}, {Literal(fallback)})";
    }

    private static string Literal(object value) => value switch
    {
        bool b => b ? "1" : "0",
        long n => n.ToString(CultureInfo.InvariantCulture),
        _ => "'" + ((string)value).Replace("'", "''", StringComparison.Ordinal) + "'",
    };

    public string Paging(int? limit, int offset) => (limit, offset) switch
    {
        (null, 0) => "",
        (null, _) => FormattableString.Invariant($" LIMIT -1 OFFSET {offset}"),
        (_, 0) => FormattableString.Invariant($" LIMIT {limit}"),
        _ => FormattableString.Invariant($" LIMIT {limit} OFFSET {offset}"),
    };

    public string TypeTokens(string sql) =>
        sql.StartsWith("{postgres}", StringComparison.Ordinal) ? ""
        : (sql.StartsWith("{sqlite}", StringComparison.Ordinal) ? sql["{sqlite}".Length..] : sql).Replace("{blob}", "BLOB", StringComparison.Ordinal);

    public object ParameterValue(FieldKind kind, object value) =>
        value is DateTimeOffset time ? FormatDateTime(time) : value;
}
