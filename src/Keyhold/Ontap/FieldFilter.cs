using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>
/// A query filter <c>path=value</c>. The value is <c>|</c>-separated alternatives, each with an optional
/// operator (<c>!</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&gt;=</c>, <c>a..b</c>, <c>*</c> wildcard, <c>null</c>).
/// A value matches when it satisfies at least one positive alternative (if there are any) and none of the
/// negated ones; negated alternatives never match an unset field ("unset fields are excluded from a match").
/// On an array path the filter matches when any element matches.
/// </summary>
public sealed class FieldFilter
{
    private readonly string[] _segments;

    private FieldFilter(FieldDef field, string value, FilterTerm[] positives, FilterTerm[] negatives)
    {
        Field = field;
        Value = value;
        Positives = positives;
        Negatives = negatives;
        _segments = field.Path.Split('.');
    }

    public string Path => Field.Path;

    public FieldDef Field { get; }

    /// <summary>The filter text as received.</summary>
    public string Value { get; }

    internal IReadOnlyList<FilterTerm> Positives { get; }

    internal IReadOnlyList<FilterTerm> Negatives { get; }

    /// <summary>Parses the filter text for a field; 262197 (target = the field) on a value that does not fit its kind.</summary>
    public static FieldFilter Parse(FieldDef field, string value)
    {
        var positives = new List<FilterTerm>();
        var negatives = new List<FilterTerm>();
        foreach (var alternative in value.Split('|'))
        {
            var term = FilterTermParser.Parse(alternative, field.Kind)
                ?? throw OntapErrors.InvalidFieldValue.With(field.Path, value, field.Path);
            (term.Negated ? negatives : positives).Add(term);
        }

        return new FieldFilter(field, value, [.. positives], [.. negatives]);
    }

    /// <summary>Evaluates the filter on a full record.</summary>
    public bool Matches(JsonObject record)
    {
        var found = false;
        return MatchesAt(record, 0, ref found) || (!found && MatchesValue(null));
    }

    /// <summary>Evaluates the filter on one typed value (null = unset).</summary>
    internal bool MatchesValue(object? value)
    {
        var positive = Positives.Count == 0;
        foreach (var term in Positives)
        {
            if (value is null ? term.Op == FilterOp.Null : term.Test(value))
            {
                positive = true;
                break;
            }
        }

        if (!positive)
            return false;
        foreach (var term in Negatives)
        {
            if (value is null || term.Test(value))
                return false;
        }

        return true;
    }

    private bool MatchesAt(JsonNode? node, int depth, ref bool found)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                if (MatchesAt(element, depth, ref found))
                    return true;
            }

            return false;
        }

        if (depth == _segments.Length)
        {
            if (node is null)
                return false;
            found = true;
            return MatchesValue(TypedValue.FromJson(node, Field.Kind));
        }

        return node is JsonObject obj && obj.TryGetPropertyValue(_segments[depth], out var child)
            && MatchesAt(child, depth + 1, ref found);
    }
}
