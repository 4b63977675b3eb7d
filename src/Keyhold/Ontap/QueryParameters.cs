namespace Keyhold.Ontap;

/// <summary>Names of the ONTAP control query parameters (everything else in a collection query is a field filter).</summary>
public static class QueryParameters
{
    public const string Fields = "fields";
    public const string MaxRecords = "max_records";
    public const string ReturnRecords = "return_records";
    public const string ReturnTimeout = "return_timeout";
    public const string OrderBy = "order_by";

    /// <summary>Continuation token carried by <c>_links.next</c>; opaque to clients (today: the record offset).</summary>
    public const string Continuation = "start.offset";

    /// <summary>Largest accepted <c>return_timeout</c>, in seconds.</summary>
    public const int MaxReturnTimeout = 120;
}
