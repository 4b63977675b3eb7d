using System.Globalization;

using Keyhold.Ontap;

namespace Keyhold.Storage.Query;

/// <summary>
/// PostgreSQL (Npgsql). ILIKE for wildcards; strings compared with COLLATE "C" (ordinal, like the in-memory path);
/// NULLS FIRST/LAST spelled out because PostgreSQL sorts NULL last by default. DateTime columns hold ISO 8601 TEXT
/// (as on SQLite): they are cast to timestamptz, so filters and order compare instants, whatever offset the text has,
/// and their operands are bound as timestamptz.
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public string Parameter(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    public string CaseInsensitiveLike(string column, string parameter) => $"{column} ILIKE {parameter} ESCAPE '\\'";

    // Spelled as the index volumes_name_folded is, so that it serves the range.
    public string FoldedRange(string column, string low, string high) =>
        $"((lower({column})) COLLATE \"C\" >= {low} AND (lower({column})) COLLATE \"C\" < {high})";

    public string Comparable(string column, FieldKind kind) => kind switch
    {
        FieldKind.String => $"({column}) COLLATE \"C\"",
        FieldKind.DateTime => $"CAST({column} AS timestamptz)",
        _ => column,
    };

    public string OrderTerm(string column, FieldKind kind, bool descending) =>
        Comparable(column, kind) + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");

    // #>> gives text; integers and booleans are cast so they compare and order as numbers and booleans.
    public string JsonValue(string column, string path, FieldKind kind, object? fallback)
    {
        var text = $"(CAST({column} AS jsonb) #>> '{{{path.Replace('.', ',')}}}')";
        var value = kind switch
        {
            FieldKind.Integer => $"CAST({text} AS bigint)",
            FieldKind.Boolean => $"CAST({text} AS boolean)",
            _ => text,
        };
        return fallback is null ? value : $"COALESCE({value}, {Literal(fallback)})";
    }

    private static string Literal(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        _ => "'" + ((string)value).Replace("'", "''", StringComparison.Ordinal) + "'",
    };

    public string Paging(int? limit, int offset) => (limit, offset) switch
    {
        (null, 0) => "",
        (null, _) => FormattableString.Invariant($" OFFSET {offset}"),
        (_, 0) => FormattableString.Invariant($" LIMIT {limit}"),
        _ => FormattableString.Invariant($" LIMIT {limit} OFFSET {offset}"),
    };

    public string TypeTokens(string sql) =>
        sql.StartsWith("{sqlite}", StringComparison.Ordinal) ? ""
        : (sql.StartsWith("{postgres}", StringComparison.Ordinal) ? sql["{postgres}".Length..] : sql).Replace("{blob}", "BYTEA", StringComparison.Ordinal);

    // Npgsql only writes UTC DateTimeOffset values to timestamptz.
    public object ParameterValue(FieldKind kind, object value) =>
        value is DateTimeOffset time ? time.ToUniversalTime() : value;
}
