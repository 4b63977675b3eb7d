namespace Keyhold.Ontap;

/// <summary>One <c>|</c>-separated alternative of a filter, with its operand already typed (string, long, bool or DateTimeOffset).</summary>
internal sealed record FilterTerm(FilterOp Op, bool Negated, object? Value = null, object? High = null)
{
    /// <summary>Does a set (non-null) typed value satisfy the operator, ignoring negation?</summary>
    public bool Test(object value) => Op switch
    {
        FilterOp.Equal => TypedValue.Compare(value, Value!) == 0,
        FilterOp.Less => TypedValue.Compare(value, Value!) < 0,
        FilterOp.LessOrEqual => TypedValue.Compare(value, Value!) <= 0,
        FilterOp.Greater => TypedValue.Compare(value, Value!) > 0,
        FilterOp.GreaterOrEqual => TypedValue.Compare(value, Value!) >= 0,
        FilterOp.Range => TypedValue.Compare(value, Value!) >= 0 && TypedValue.Compare(value, High!) <= 0,
        FilterOp.Wildcard => value is string s && Wildcard.IsMatch(s, (string)Value!),
        FilterOp.Any => true,
        _ => false, // Null: a set value is never null
    };
}
