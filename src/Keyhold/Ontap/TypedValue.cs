using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>Converts query text and JSON values to the CLR type of a field kind, and compares them.</summary>
internal static class TypedValue
{
    private static readonly object Present = new();

    /// <summary>Parses filter text for a field kind; null when the text is not a valid value of that kind.</summary>
    public static object? Parse(string text, FieldKind kind) => kind switch
    {
        FieldKind.String => text,
        FieldKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
        FieldKind.Boolean => bool.TryParse(text, out var b) ? b : null,
        FieldKind.DateTime => TryParseDate(text, out var d) ? d : null,
        _ => null,
    };

    /// <summary>The typed value of a JSON node, or null when it is null or not of the field's kind.</summary>
    public static object? FromJson(JsonNode node, FieldKind kind)
    {
        if (kind == FieldKind.Object)
            return Present;
        if (node is not JsonValue value)
            return null;
        var valueKind = value.GetValueKind();
        return kind switch
        {
            FieldKind.String => valueKind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
            FieldKind.Integer => JsonNumbers.TryGetInt64(value, out var l) ? l
                : valueKind == JsonValueKind.String ? Parse(value.GetValue<string>(), kind) : null,
            FieldKind.Boolean => valueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null },
            FieldKind.DateTime => valueKind == JsonValueKind.String && TryParseDate(value.GetValue<string>(), out var t) ? t : null,
            _ => null,
        };
    }

    /// <summary>Ordinal for strings, natural order for the rest; values of different types order by type name.</summary>
    public static int Compare(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        (long x, long y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        _ => string.CompareOrdinal(a.GetType().Name, b.GetType().Name),
    };

    private static bool TryParseDate(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
