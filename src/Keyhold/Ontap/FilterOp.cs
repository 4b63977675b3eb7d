namespace Keyhold.Ontap;

/// <summary>Operator of one alternative of a query filter (<c>field=op value</c>).</summary>
internal enum FilterOp
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary><c>a..b</c>, inclusive.</summary>
    Range,

    /// <summary>String containing <c>*</c>; case-insensitive.</summary>
    Wildcard,

    /// <summary>Bare <c>*</c>: any set value.</summary>
    Any,

    /// <summary><c>null</c>: the field is not set.</summary>
    Null,
}
