using System.Data.Common;

using Keyhold.Ontap;

namespace Keyhold.Storage.Query;

/// <summary>
/// What the store runs for a collection query: <c>SELECT ... WHERE {Where} ORDER BY {OrderBy}{Paging}</c> with
/// <see cref="Parameters"/> bound. Filters the store cannot run are in <see cref="Residual"/> and, like
/// <see cref="SortInMemory"/>, make the executor page in memory (then Limit is null and Offset 0).
/// </summary>
/// <param name="Where">"1=1" when there is no store-side filter.</param>
/// <param name="Limit">MaxRecords + 1 when paging in the store (the extra row tells whether a next page exists).</param>
public sealed record SqlPlan(
    string Where,
    IReadOnlyList<KeyValuePair<string, object?>> Parameters,
    string OrderBy,
    int? Limit,
    int Offset,
    IReadOnlyList<FieldFilter> Residual)
{
    /// <summary>The parsed query; fetches use <c>Query.Fields.IncludesExpensive</c> to skip computing expensive fields.</summary>
    public required CollectionQuery Query { get; init; }

    /// <summary>An order_by term has no column: the store returns rows in default order and the executor sorts.</summary>
    public bool SortInMemory { get; init; }

    /// <summary>The order_by terms the executor applies when <see cref="SortInMemory"/>.</summary>
    public IReadOnlyList<OrderTerm> MemoryOrder { get; init; } = [];

    /// <summary>LIMIT/OFFSET clause in the dialect's spelling (leading space), or "".</summary>
    public string Paging { get; init; } = "";

    /// <summary>True when filtering, ordering and paging all run in the store.</summary>
    public bool PagedInStore => Residual.Count == 0 && !SortInMemory;

    /// <summary>
    /// The same plan with <paramref name="condition"/> added to its WHERE and <paramref name="parameter"/> bound to
    /// <paramref name="value"/> (as the provider takes it): how a caller's scope, such as an SVM administrator's SVM,
    /// narrows every page before filters and paging apply.
    /// </summary>
    public SqlPlan And(string condition, string parameter, object? value) =>
        this with { Where = $"({Where}) AND {condition}", Parameters = [.. Parameters, new(parameter, value)] };

    /// <summary>Appends WHERE, ORDER BY and paging to a <c>SELECT ... FROM ...</c> prefix.</summary>
    public string ToSql(string selectFrom) => $"{selectFrom} WHERE {Where} ORDER BY {OrderBy}{Paging}";

    /// <summary>
    /// <c>SELECT COUNT(*)</c> of the rows the plan's WHERE keeps (no order, no paging): a count costs the store an index
    /// or table scan, not a row sent and mapped per record. The select list stays, since WHERE may name its expressions' tables.
    /// </summary>
    public string ToCountSql(string selectFrom) => $"SELECT COUNT(*) FROM ({selectFrom} WHERE {Where}) counted";

    /// <summary>Adds <see cref="Parameters"/> to an ADO.NET command.</summary>
    public void Bind(DbCommand command)
    {
        foreach (var (name, value) in Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}
