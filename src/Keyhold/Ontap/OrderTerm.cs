namespace Keyhold.Ontap;

/// <summary>One <c>order_by</c> term: <c>field [asc|desc]</c>.</summary>
public sealed record OrderTerm(FieldDef Field, bool Descending)
{
    public string Path => Field.Path;

    /// <summary>Parses "name", "name asc" or "name desc"; 262197 (target order_by) on an unknown field or direction.</summary>
    internal static OrderTerm Parse(string text, ResourceSchema schema)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var field = parts.Length is 1 or 2 ? schema.Find(parts[0]) : null;
        var descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        var directionOk = parts.Length == 1 || descending || parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase);
        if (field is null || !field.IsReadable || field.Kind == FieldKind.Object || !directionOk)
            throw OntapErrors.InvalidFieldValue.With(QueryParameters.OrderBy, text, QueryParameters.OrderBy);
        return new OrderTerm(field, descending);
    }
}
