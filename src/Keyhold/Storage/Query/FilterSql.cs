using System.Text;

using Keyhold.Ontap;

namespace Keyhold.Storage.Query;

/// <summary>
/// SQL for one filter, with the in-memory semantics of <see cref="FieldFilter"/>:
/// <c>(positive1 OR positive2 ...) AND (col IS NOT NULL AND NOT negative1) AND ...</c>.
/// NULL comparisons are never true, so SQL's three-valued logic agrees with "unset fields do not match".
/// </summary>
internal static class FilterSql
{
    public static string Translate(FieldFilter filter, string column, ISqlDialect dialect, List<KeyValuePair<string, object?>> parameters)
    {
        var kind = filter.Field.Kind;
        var parts = new List<string>();
        if (filter.Positives.Count > 0)
            parts.Add("(" + string.Join(" OR ", filter.Positives.Select(t => Term(t, column, kind, dialect, parameters))) + ")");
        foreach (var term in filter.Negatives)
            parts.Add($"({column} IS NOT NULL AND NOT ({Term(term, column, kind, dialect, parameters)}))");
        return parts.Count == 1 ? parts[0] : "(" + string.Join(" AND ", parts) + ")";
    }

    private static string Term(FilterTerm term, string column, FieldKind kind, ISqlDialect dialect, List<KeyValuePair<string, object?>> parameters)
    {
        var comparable = dialect.Comparable(column, kind);
        return term.Op switch
        {
            FilterOp.Null => $"{column} IS NULL",
            FilterOp.Any => $"{column} IS NOT NULL",
            FilterOp.Equal => $"{comparable} = {Add(term.Value!)}",
            FilterOp.Less => $"{comparable} < {Add(term.Value!)}",
            FilterOp.LessOrEqual => $"{comparable} <= {Add(term.Value!)}",
            FilterOp.Greater => $"{comparable} > {Add(term.Value!)}",
            FilterOp.GreaterOrEqual => $"{comparable} >= {Add(term.Value!)}",
            FilterOp.Range => $"({comparable} >= {Add(term.Value!)} AND {comparable} <= {Add(term.High!)})",
            FilterOp.Wildcard => Wildcard((string)term.Value!),
            _ => throw new InvalidOperationException($"Unknown filter operator {term.Op}."),
        };

        // A pattern with a fixed start also gets the range that start implies, so an index can find the rows (issue 14).
        string Wildcard(string pattern)
        {
            var like = dialect.CaseInsensitiveLike(column, Add(LikePattern(pattern)));
            return kind == FieldKind.String && PrefixRange(pattern) is { } range
                ? $"({like} AND {dialect.FoldedRange(column, Add(range.Low), Add(range.High))})"
                : like;
        }

        string Add(object value)
        {
            var name = dialect.Parameter(parameters.Count);
            parameters.Add(new(name, dialect.ParameterValue(kind, value)));
            return name;
        }
    }

    /// <summary>
    /// For a wildcard pattern with a fixed start of printable ASCII (<c>vol*</c>): the start lower-cased, and the same with
    /// its last character raised by one. Every case-insensitive match, lower-cased, lies between them (bytewise), because
    /// the stores fold ASCII case alike. Null when the pattern starts with <c>*</c> or with any other character.
    /// </summary>
    internal static (string Low, string High)? PrefixRange(string pattern)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        var start = star < 0 ? pattern : pattern[..star];
        if (start.Length == 0 || start.Any(c => c is < ' ' or > '~'))
            return null;
        var low = start.ToLowerInvariant(); // ASCII only here, so the invariant culture folds exactly as the stores do
        return (low, low[..^1] + (char)(low[^1] + 1));
    }

    /// <summary>ONTAP <c>*</c> becomes <c>%</c>; LIKE's own metacharacters are escaped with a backslash.</summary>
    internal static string LikePattern(string wildcard)
    {
        var builder = new StringBuilder(wildcard.Length + 4);
        foreach (var c in wildcard)
        {
            if (c is '%' or '_' or '\\')
                builder.Append('\\').Append(c);
            else
                builder.Append(c == '*' ? '%' : c);
        }

        return builder.ToString();
    }
}
