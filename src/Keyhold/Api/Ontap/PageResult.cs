using System.Text.Json.Nodes;

using Keyhold.Ontap;
using Keyhold.Storage.Query;

namespace Keyhold.Api.Ontap;

/// <summary>One page of a collection's records (JSON, so HTTP's half) and where the next one starts (null: no more records).</summary>
internal sealed record PageResult(IReadOnlyList<JsonObject> Records, int? NextOffset)
{
    /// <summary>The store already filtered, ordered and skipped; it returned up to MaxRecords + 1 rows.</summary>
    public static PageResult FromStore(IReadOnlyList<JsonObject> rows, CollectionQuery query) =>
        query.MaxRecords is int max && rows.Count > max
            ? new PageResult([.. rows.Take(max)], query.Offset + max)
            : new PageResult(rows, null);

    /// <summary>The store returned every candidate in default order: filter, sort and page here.</summary>
    public static PageResult InMemory(IReadOnlyList<JsonObject> rows, SqlPlan plan)
    {
        var query = plan.Query;
        var matching = rows.Where(r => plan.Residual.All(f => f.Matches(r))).ToList();
        if (plan.SortInMemory)
            matching = RecordSorter.Sort(matching, plan.MemoryOrder);
        var remaining = Math.Max(0, matching.Count - query.Offset);
        var take = query.MaxRecords is int max ? Math.Min(max, remaining) : remaining;
        var page = matching.GetRange(Math.Min(query.Offset, matching.Count), take);
        return new PageResult(page, take < remaining ? query.Offset + take : null);
    }
}
