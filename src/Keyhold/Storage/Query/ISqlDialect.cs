using Keyhold.Ontap;

namespace Keyhold.Storage.Query;

/// <summary>The few SQL spellings that differ between the stores; everything else the translator emits is portable.</summary>
public interface ISqlDialect
{
    /// <summary>Name of the index-th parameter, e.g. "@p0".</summary>
    string Parameter(int index);

    /// <summary>Case-insensitive LIKE with backslash as escape character.</summary>
    string CaseInsensitiveLike(string column, string parameter);

    /// <summary>
    /// <paramref name="column"/> lower-cased as the store folds case (ASCII), at least <paramref name="low"/> and below
    /// <paramref name="high"/>, compared bytewise: the range a case-insensitive prefix match implies, which an index on
    /// the lower-cased column serves.
    /// </summary>
    string FoldedRange(string column, string low, string high);

    /// <summary>Expression to compare or order a column with (strings must compare ordinally, like the in-memory filters).</summary>
    string Comparable(string column, FieldKind kind);

    /// <summary>One ORDER BY term; unset values sort first in ascending order (as in memory).</summary>
    string OrderTerm(string column, FieldKind kind, bool descending);

    /// <summary>
    /// The value at dotted <paramref name="path"/> in the JSON object held (as text) by <paramref name="column"/>, typed
    /// for <paramref name="kind"/> so it compares and orders like a column, or <paramref name="fallback"/> (a literal
    /// from the schema, never user input) when the JSON lacks it.
    /// </summary>
    string JsonValue(string column, string path, FieldKind kind, object? fallback);

    /// <summary>LIMIT/OFFSET clause (with a leading space), or "" when neither applies.</summary>
    string Paging(int? limit, int offset);

    /// <summary>A schema step with its type tokens (<c>{blob}</c>) spelled for this store; "" for a step marked for the other store.</summary>
    string TypeTokens(string sql);

    /// <summary>Converts a typed filter operand (string, long, bool, DateTimeOffset) to what the provider binds.</summary>
    object ParameterValue(FieldKind kind, object value);
}
