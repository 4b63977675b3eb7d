namespace Keyhold.Ontap;

/// <summary>Parses one filter alternative: optional <c>!</c>, then <c>null</c>, <c>*</c>, an operator prefix, a range or a wildcard.</summary>
internal static class FilterTermParser
{
    /// <returns>null when the operand does not fit the field kind.</returns>
    public static FilterTerm? Parse(string text, FieldKind kind)
    {
        var negated = text.StartsWith('!');
        if (negated)
            text = text[1..];
        if (text == "null")
            return new FilterTerm(FilterOp.Null, negated);
        if (text == "*")
            return new FilterTerm(FilterOp.Any, negated);
        if (kind == FieldKind.Object)
            return null; // a container can only be tested for presence

        var (op, operand) = text switch
        {
            _ when text.StartsWith("<=", StringComparison.Ordinal) => (FilterOp.LessOrEqual, text[2..]),
            _ when text.StartsWith(">=", StringComparison.Ordinal) => (FilterOp.GreaterOrEqual, text[2..]),
            _ when text.StartsWith('<') => (FilterOp.Less, text[1..]),
            _ when text.StartsWith('>') => (FilterOp.Greater, text[1..]),
            _ => (FilterOp.Equal, text),
        };
        if (op == FilterOp.Equal)
        {
            var dots = text.IndexOf("..", StringComparison.Ordinal);
            if (dots > 0 && dots < text.Length - 2)
            {
                var low = TypedValue.Parse(text[..dots], kind);
                var high = TypedValue.Parse(text[(dots + 2)..], kind);
                return low is null || high is null ? null : new FilterTerm(FilterOp.Range, negated, low, high);
            }

            if (kind == FieldKind.String && text.Contains('*'))
                return new FilterTerm(FilterOp.Wildcard, negated, text);
        }

        var value = TypedValue.Parse(operand, kind);
        return value is null ? null : new FilterTerm(op, negated, value);
    }
}
