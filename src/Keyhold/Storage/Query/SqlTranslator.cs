using Keyhold.Ontap;

namespace Keyhold.Storage.Query;

/// <summary>
/// Turns a collection query into a store plan so that filters on columns, ordering and paging run in the store:
/// a page of 100 costs about the same with 100 or 100,000 records. Values are always bound as parameters.
/// </summary>
public static class SqlTranslator
{
    public static SqlPlan Build(CollectionQuery query, ResourceSchema schema, ISqlDialect dialect)
    {
        var where = new List<string>();
        var parameters = new List<KeyValuePair<string, object?>>();
        var residual = new List<FieldFilter>();
        foreach (var filter in query.Filters)
        {
            if (ColumnOf(filter.Field, dialect) is { } column)
                where.Add(FilterSql.Translate(filter, column, dialect, parameters));
            else
                residual.Add(filter);
        }

        var sortInMemory = query.OrderBy.Any(t => ColumnOf(t.Field, dialect) is null);
        var orderBy = sortInMemory || query.OrderBy.Count == 0
            ? schema.DefaultOrderSql
            : string.Join(", ", query.OrderBy.Select(t => dialect.OrderTerm(ColumnOf(t.Field, dialect)!, t.Field.Kind, t.Descending))) + ", " + schema.DefaultOrderSql;

        var inStore = residual.Count == 0 && !sortInMemory;
        int? limit = inStore && query.MaxRecords is int max ? (int)Math.Min((long)max + 1, int.MaxValue) : null;
        var offset = inStore ? query.Offset : 0;
        return new SqlPlan(where.Count == 0 ? "1=1" : string.Join(" AND ", where), parameters, orderBy, limit, offset, residual)
        {
            Query = query,
            SortInMemory = sortInMemory,
            MemoryOrder = sortInMemory ? query.OrderBy : [],
            Paging = dialect.Paging(limit, offset),
        };
    }

    /// <summary>The SQL expression holding the field's value, or null when only the record has it (filtered and sorted in memory).</summary>
    private static string? ColumnOf(FieldDef field, ISqlDialect dialect)
    {
        if (field.InArray || field.Kind == FieldKind.Object)
            return null;
        return field.Column ?? (field.JsonColumn is { } json ? dialect.JsonValue(json, field.Path, field.Kind, field.JsonDefault) : null);
    }
}
