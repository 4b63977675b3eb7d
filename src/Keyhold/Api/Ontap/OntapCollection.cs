using System.Text.Json.Nodes;

using Keyhold.Ontap;
using Keyhold.Storage.Query;

namespace Keyhold.Api.Ontap;

/// <summary>Runs collection GETs and query-based PATCH/DELETE matching for a resource.</summary>
public static class OntapCollection
{
    /// <summary>
    /// Parses the query, asks <paramref name="fetch"/> for FULL records in plan order (<see cref="SqlPlan.ToSql"/>),
    /// finishes in memory what the store could not do, and answers
    /// <c>{"records":[...],"num_records":N,"_links":{"self":..,"next":..}}</c>. The fetch's token fires after
    /// <c>return_timeout</c> (default 15 s, 0 = none): then an empty page with a <c>next</c> to retry from is returned.
    /// </summary>
    public static async Task<IResult> GetAsync(
        HttpContext http,
        ResourceSchema schema,
        Func<SqlPlan, CancellationToken, Task<IReadOnlyList<JsonObject>>> fetch,
        IEnumerable<string>? extraParameters = null)
    {
        schema = ClusterRelease.Schema(http, schema);
        var query = CollectionQuery.Parse(http.Request.Query, schema, extraParameters);
        var plan = SqlTranslator.Build(query, schema, http.RequestServices.GetRequiredService<ISqlDialect>());
        var page = await FetchPageAsync(http, plan, fetch);

        var links = OntapLinks.Self(CollectionLinks.Self(http.Request));
        if (page.NextOffset is int next)
            links["next"] = OntapLinks.Href(CollectionLinks.Next(http.Request, next));
        // Records are written through the selection as they are: the fetch built them for this response.
        return OntapProjectedResult.Page(query.Fields, query.ReturnRecords ? page.Records : null, page.Records.Count, links);
    }

    /// <summary>
    /// For query-based PATCH/DELETE on a collection: every record matching the query's filters (no fields, paging
    /// or order_by allowed). An empty list is not an error: callers answer 200 <c>{"num_records":0}</c>
    /// (<see cref="OntapResults.Ok(HttpContext, int)"/>). A query without filters matches every record.
    /// </summary>
    public static async Task<IReadOnlyList<JsonObject>> MatchAsync(
        HttpContext http,
        ResourceSchema schema,
        Func<SqlPlan, CancellationToken, Task<IReadOnlyList<JsonObject>>> fetch,
        IEnumerable<string>? extraParameters = null)
    {
        schema = ClusterRelease.Schema(http, schema);
        var query = CollectionQuery.ParseFilters(http.Request.Query, schema, extraParameters);
        var plan = SqlTranslator.Build(query, schema, http.RequestServices.GetRequiredService<ISqlDialect>());
        var rows = await fetch(plan, http.RequestAborted);
        return plan.Residual.Count == 0 ? rows : [.. rows.Where(r => plan.Residual.All(f => f.Matches(r)))];
    }

    private static async Task<PageResult> FetchPageAsync(
        HttpContext http, SqlPlan plan, Func<SqlPlan, CancellationToken, Task<IReadOnlyList<JsonObject>>> fetch)
    {
        var query = plan.Query;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (query.ReturnTimeout > TimeSpan.Zero)
            timeout.CancelAfter(query.ReturnTimeout);
        IReadOnlyList<JsonObject> rows;
        try
        {
            rows = await fetch(plan, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            return new PageResult([], query.Offset); // return_timeout expired: nothing yet, let the client go on from here
        }

        return plan.PagedInStore ? PageResult.FromStore(rows, query) : PageResult.InMemory(rows, plan);
    }
}
