namespace Keyhold.Ontap;

/// <summary>One field of a resource.</summary>
/// <param name="Path">Dotted path, e.g. "svm.name" or "external.servers.server".</param>
/// <param name="Column">SQL column or expression holding the value, when the store can filter and order on it.</param>
/// <param name="Expensive">Returned only when named in <c>fields</c> or with <c>fields=**</c>.</param>
/// <param name="InArray">The path crosses an array: a filter matches when ANY element matches (never pushed to SQL).</param>
public sealed record FieldDef(
    string Path,
    FieldKind Kind,
    FieldAccess Access = FieldAccess.Read,
    string? Column = null,
    bool Expensive = false,
    bool InArray = false)
{
    /// <summary>
    /// An object a body may also give as its name alone (<c>"ipspace":"Default"</c> for <c>{"name":"Default"}</c>): ONTAP
    /// takes both, and Ansible's na_ontap_svm sends the short form.
    /// </summary>
    public bool AcceptsName { get; init; }

    /// <summary>
    /// A number or boolean a body may also give as JSON text (<c>"20"</c>, <c>"true"</c>): ONTAP's own examples for some
    /// resources send them so (key-manager-configs). The text becomes the typed value before the body is used.
    /// </summary>
    public bool AcceptsText { get; init; }

    /// <summary>
    /// A column holding a JSON object in which this field's value sits at <see cref="Path"/> (the stored-only volume and
    /// SVM fields): the store extracts it to filter and order, so such a filter never loads the collection.
    /// </summary>
    public string? JsonColumn { get; init; }

    /// <summary>What a record shows when the JSON lacks the value (string, long or bool); null: unset.</summary>
    public object? JsonDefault { get; init; }

    public bool IsWriteOnly => (Access & FieldAccess.WriteOnly) != 0;

    /// <summary>GET may return it and queries may filter on it: not WriteOnly, and Read (containers are readable; their children decide).</summary>
    public bool IsReadable => !IsWriteOnly && ((Access & FieldAccess.Read) != 0 || Kind == FieldKind.Object);

    /// <summary>True when a body may set this field in the operation.</summary>
    public bool IsWritable(Operation op) =>
        (Access & (op == Operation.Create ? FieldAccess.Create : FieldAccess.Modify)) != 0;
}
