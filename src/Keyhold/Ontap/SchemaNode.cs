namespace Keyhold.Ontap;

/// <summary>A field in the schema tree; lets projection walk a record and the schema side by side without building path strings.</summary>
internal sealed class SchemaNode(FieldDef def, int index, SchemaNode? parent, bool isKey)
{
    public FieldDef Def { get; } = def;

    /// <summary>Position in <see cref="ResourceSchema.Nodes"/>; selections are bool arrays indexed by it.</summary>
    public int Index { get; } = index;

    public SchemaNode? Parent { get; } = parent;

    public bool IsKey { get; } = isKey;

    public Dictionary<string, SchemaNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Expensive, and its parent is not: where "not returned by <c>*</c>" starts.</summary>
    public bool IsExpensiveRoot => Def.Expensive && Parent?.Def.Expensive != true;

    /// <summary>A body may set this field, or (for a container) one of its descendants, in the operation.</summary>
    public bool CanWrite(Operation op) => Def.IsWritable(op) || Children.Values.Any(c => c.CanWrite(op));
}
