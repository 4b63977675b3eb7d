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
    /// <c>return_timeout</c> (default 15 s, 0 = none): then the page ends with a <c>next</c> to go on from.
    /// For collections whose size the store bounds (a key manager's servers, the built-in roles); large ones stream
    /// through <see cref="GetAsync{T}"/>.
    /// </summary>
    public static Task<IResult> GetAsync(
        HttpContext http,
        ResourceSchema schema,
        Func<SqlPlan, CancellationToken, Task<IReadOnlyList<JsonObject>>> fetch,
        IEnumerable<string>? extraParameters = null) =>
        GetAsync(http, schema, new CollectionSource<JsonObject>
        {
            Stream = async (plan, each, ct) =>
            {
                foreach (var record in await fetch(plan, ct))
                {
                    if (!await each(record))
                        break;
                }
            },
            ToJson = record => record,
        }, extraParameters);

    /// <summary>
    /// Parses the query (errors are thrown here, before anything is written) and answers with a page that is written
    /// while <paramref name="source"/> streams its rows (<see cref="OntapStreamedPage{T}"/>): filters on stored fields,
    /// order_by, paging and counts run in the store, the rest in one streaming pass.
    /// </summary>
    public static Task<IResult> GetAsync<T>(
        HttpContext http,
        ResourceSchema schema,
        CollectionSource<T> source,
        IEnumerable<string>? extraParameters = null)
    {
        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var started = time.GetTimestamp();
        var query = CollectionQuery.Parse(http.Request.Query, schema, extraParameters);
        var plan = SqlTranslator.Build(query, schema, http.RequestServices.GetRequiredService<ISqlDialect>());
        return Task.FromResult<IResult>(new OntapStreamedPage<T>(plan, source, started));
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
        var query = CollectionQuery.ParseFilters(http.Request.Query, schema, extraParameters);
        var plan = SqlTranslator.Build(query, schema, http.RequestServices.GetRequiredService<ISqlDialect>());
        var rows = await fetch(plan, http.RequestAborted);
        return plan.Residual.Count == 0 ? rows : [.. rows.Where(r => plan.Residual.All(f => f.Matches(r)))];
    }
}
