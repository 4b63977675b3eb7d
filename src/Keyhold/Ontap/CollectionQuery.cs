using Microsoft.Extensions.Primitives;

namespace Keyhold.Ontap;

/// <summary>A parsed collection GET query: selection, filters, order, paging. Parsing validates everything once.</summary>
public sealed class CollectionQuery
{
    /// <summary>ONTAP's default <c>return_timeout</c> for collection GETs.</summary>
    public static readonly TimeSpan DefaultReturnTimeout = TimeSpan.FromSeconds(15);

    private CollectionQuery(FieldSelection fields)
    {
        Fields = fields;
    }

    public FieldSelection Fields { get; }

    /// <summary>All must match (repeated parameters are ANDed).</summary>
    public IReadOnlyList<FieldFilter> Filters { get; private init; } = [];

    public IReadOnlyList<OrderTerm> OrderBy { get; private init; } = [];

    public int? MaxRecords { get; private init; }

    public bool ReturnRecords { get; private init; } = true;

    /// <summary>0 means no limit.</summary>
    public TimeSpan ReturnTimeout { get; private init; } = DefaultReturnTimeout;

    /// <summary>Records to skip, from the continuation parameter <see cref="QueryParameters.Continuation"/>.</summary>
    public int Offset { get; private init; }

    /// <summary>Parses a collection GET query; throws <see cref="OntapException"/> (262179 unknown parameter, 262197 bad value).</summary>
    /// <param name="extraParameters">Resource-specific parameters the caller handles itself; they are accepted and ignored here.</param>
    public static CollectionQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, ResourceSchema schema, IEnumerable<string>? extraParameters = null) =>
        Parse(query, schema, extraParameters, filtersOnly: false);

    /// <summary>For query-based PATCH/DELETE: filters, return_timeout and return_records only.</summary>
    public static CollectionQuery ParseFilters(IEnumerable<KeyValuePair<string, StringValues>> query, ResourceSchema schema, IEnumerable<string>? extraParameters = null) =>
        Parse(query, schema, extraParameters, filtersOnly: true);

    private static CollectionQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query, ResourceSchema schema, IEnumerable<string>? extraParameters, bool filtersOnly)
    {
        var extra = extraParameters as ICollection<string> ?? extraParameters?.ToArray() ?? [];
        var filters = new List<FieldFilter>();
        var order = new List<OrderTerm>();
        FieldSelection? fields = null;
        int? maxRecords = null;
        var returnRecords = true;
        var timeout = DefaultReturnTimeout;
        var offset = 0;
        var terms = 0;
        foreach (var (name, values) in query)
        {
            var last = values.Count > 0 ? values[^1] : null;
            switch (name)
            {
                case QueryParameters.ReturnRecords:
                    returnRecords = QueryValues.Boolean(name, last);
                    break;
                case QueryParameters.ReturnTimeout:
                    timeout = QueryValues.ReturnTimeout(last);
                    break;
                case QueryParameters.Fields when !filtersOnly:
                    fields = FieldSelection.ParseMany(values, schema);
                    break;
                case QueryParameters.MaxRecords when !filtersOnly:
                    maxRecords = QueryValues.Integer(name, last, 1, int.MaxValue);
                    break;
                case QueryParameters.Continuation when !filtersOnly:
                    offset = QueryValues.Integer(name, last, 0, int.MaxValue);
                    break;
                case QueryParameters.OrderBy when !filtersOnly:
                    foreach (var value in values)
                    {
                        foreach (var term in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                            order.Add(OrderTerm.Parse(term, schema));
                    }

                    break;
                default:
                    if (!extra.Contains(name))
                        AddFilters(filters, name, values, schema, ref terms);
                    break;
            }
        }

        return new CollectionQuery(fields ?? schema.CollectionDefault)
        {
            Filters = filters,
            OrderBy = order,
            MaxRecords = maxRecords,
            ReturnRecords = returnRecords,
            ReturnTimeout = timeout,
            Offset = offset,
        };
    }

    /// <summary>
    /// Whether a record must carry <paramref name="path"/>: it was asked for in <c>fields</c>, or a filter reads it
    /// (a filter on a computed field such as <c>status.code</c> is evaluated on the record, so the record needs it
    /// even when <c>fields</c> leaves it out of the answer).
    /// </summary>
    public bool Needs(string path) =>
        Fields.Includes(path) || Filters.Any(f => f.Path == path || f.Path.StartsWith(path + ".", StringComparison.Ordinal));

    /// <summary>
    /// Filter alternatives one query may hold in all. Each becomes a SQL term, and SQLite refuses expressions deeper than
    /// 1,000; far below that, a page still costs what a page costs.
    /// </summary>
    public const int MaxFilterTerms = 128;

    private static void AddFilters(List<FieldFilter> filters, string name, IEnumerable<string?> values, ResourceSchema schema, ref int terms)
    {
        var field = schema.Find(name);
        if (field is null || !field.IsReadable)
            throw OntapErrors.UnexpectedArgument.With(name, name);
        foreach (var value in values)
        {
            // Counted before parsing, so a hostile query costs no more than this scan.
            terms += (value ?? "").AsSpan().Count('|') + 1;
            if (terms > MaxFilterTerms)
                throw OntapErrors.TooManyFilterTerms.With(name, MaxFilterTerms);
            filters.Add(FieldFilter.Parse(field, value ?? ""));
        }
    }
}
