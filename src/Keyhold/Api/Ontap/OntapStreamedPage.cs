using System.Text.Json;
using System.Text.Json.Nodes;

using Keyhold.Ontap;
using Keyhold.Storage.Query;

namespace Keyhold.Api.Ontap;

/// <summary>
/// A collection GET's body, <c>{"records":[...],"num_records":N,"_links":{"self":..,"next":..}}</c>, written while the
/// store reads: each row is filtered (what SQL could not), skipped, written or counted as it arrives, and none is kept,
/// so a request costs one row of memory plus the response buffer whatever the size of the collection. Only an
/// <c>order_by</c> on a field the store cannot order collects the matching records first.
/// <para>
/// <c>return_timeout</c> (default 15 s, 0 = none) bounds the whole request, counted from when it was parsed: when it
/// runs out, the page ends with what was written and a <c>_links.next</c> that continues after it, as ONTAP does.
/// </para>
/// </summary>
public sealed class OntapStreamedPage<T> : IResult, IStatusCodeHttpResult
{
    private readonly SqlPlan plan;
    private readonly CollectionSource<T> source;
    private readonly long started;

    internal OntapStreamedPage(SqlPlan plan, CollectionSource<T> source, long started) => (this.plan, this.source, this.started) = (plan, source, started);

    public int? StatusCode => StatusCodes.Status200OK;

    private CollectionQuery Query => plan.Query;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var plain = MediaTypes.WantsPlainJson(httpContext.Request);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = plain ? MediaTypes.Json : MediaTypes.HalJson;

        // The same page again while nothing was committed since it was read: its bytes, after one read of the stamp.
        var answers = source.Keep ? httpContext.RequestServices.GetService<PageAnswers>() : null;
        var shape = answers is null ? default : PageAnswers.Shape.Of(httpContext, plain);
        long? stamp = null;
        if (answers is not null)
        {
            (var kept, stamp) = await answers.FindAsync(shape, httpContext.RequestAborted);
            if (kept is not null)
            {
                response.ContentLength = kept.Body.Length;
                await response.BodyWriter.WriteAsync(kept.Body, httpContext.RequestAborted);
                return;
            }
        }

        var body = StreamedBody.Rent(response.BodyWriter, httpContext.RequestAborted);
        try
        {
            var writer = body.Writer;
            writer.WriteStartObject();
            if (Query.ReturnRecords)
                writer.WriteStartArray("records");
            var (count, next, complete) = await RunAsync(httpContext, body, plain);
            if (Query.ReturnRecords)
                writer.WriteEndArray();
            writer.WriteNumber("num_records", count);
            WriteLinks(writer, httpContext.Request, next, plain);
            writer.WriteEndObject();
            await body.CompleteAsync(response);
            // Kept only whole and uncut: a page the deadline ended, or one too large to hold, is read afresh each time.
            if (stamp is { } read && complete && body.Whole is { } whole)
                answers!.Keep(shape, read, whole.Span);
        }
        finally
        {
            body.Return();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>
    /// Writes the records (when asked for); returns how many, where the next page starts (null: no more), and false when
    /// <c>return_timeout</c> cut the page short.
    /// </summary>
    private async Task<(int Count, int? Next, bool Complete)> RunAsync(HttpContext http, StreamedBody body, bool plain)
    {
        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var limit = Query.ReturnTimeout;
        var left = limit > TimeSpan.Zero ? limit - time.GetElapsedTime(started) : Timeout.InfiniteTimeSpan;
        using var deadline = new CancellationTokenSource(left > TimeSpan.Zero || left == Timeout.InfiniteTimeSpan ? left : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);
        var pass = new Pass(this, body, plain, () => limit > TimeSpan.Zero && time.GetElapsedTime(started) >= limit);
        try
        {
            var (count, next) = await pass.RunAsync(linked.Token);
            return (count, next, !pass.Cut);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested && (deadline.IsCancellationRequested || pass.Expired))
        {
            var (count, next) = pass.TimedOut();
            return (count, next, false);
        }
    }

    private static void WriteLinks(Utf8JsonWriter writer, HttpRequest request, int? next, bool plain)
    {
        if (plain && next is null)
            return;
        writer.WriteStartObject("_links");
        if (!plain)
        {
            writer.WriteStartObject("self");
            writer.WriteString("href", CollectionLinks.Self(request));
            writer.WriteEndObject();
        }

        if (next is int offset)
        {
            writer.WriteStartObject("next");
            writer.WriteString("href", CollectionLinks.Next(request, offset));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>One pass over the store's rows for one response.</summary>
    private sealed class Pass(OntapStreamedPage<T> page, StreamedBody body, bool plain, Func<bool> expired)
    {
        private readonly CollectionQuery query = page.Query;
        private readonly SqlPlan plan = page.plan;
        private int written;
        private bool sorting;

        public bool Expired => expired();

        /// <summary>The deadline ended the page before its last record.</summary>
        public bool Cut { get; private set; }

        public async Task<(int, int?)> RunAsync(CancellationToken ct)
        {
            if (!query.ReturnRecords && plan.Residual.Count == 0 && page.source.Count is { } count)
                return CountOnly(await count(plan, ct));
            if (plan.SortInMemory)
                return await SortedAsync(ct);

            // The store skipped and limited already when it could; otherwise skip and limit here, in the same order.
            var skip = plan.PagedInStore ? 0 : query.Offset;
            var more = false;
            var timedOut = false;
            await page.source.Stream(plan, async row =>
            {
                if (expired())
                {
                    timedOut = Cut = true;
                    return false;
                }

                var record = plan.Residual.Count > 0 ? page.source.ToJson(row) : null;
                if (record is not null && !Matches(record))
                    return true;
                if (skip > 0)
                {
                    skip--;
                    return true;
                }

                if (query.MaxRecords is int max && written == max)
                {
                    more = true;
                    return false;
                }

                if (record is null && page.source.Write is { } write)
                    await WriteAsync(row, write, ct);
                else
                    await WriteAsync(record ?? page.source.ToJson(row), ct);
                return true;
            }, ct);
            return (written, more || timedOut ? query.Offset + written : null);
        }

        /// <summary>The deadline passed before or while the store answered: what was written, and a next that continues after it.</summary>
        public (int, int?) TimedOut()
        {
            Cut = true;
            return sorting ? (0, query.Offset) : (written, query.Offset + written);
        }

        private (int, int?) CountOnly(long total)
        {
            var remaining = (int)Math.Clamp(total - query.Offset, 0, int.MaxValue);
            var count = query.MaxRecords is int max ? Math.Min(max, remaining) : remaining;
            return (count, count < remaining ? query.Offset + count : null);
        }

        /// <summary>order_by on a computed field: the matching records are gathered and sorted before any is written.</summary>
        private async Task<(int, int?)> SortedAsync(CancellationToken ct)
        {
            sorting = true;
            var matching = new List<JsonObject>();
            var timedOut = false;
            await page.source.Stream(plan, row =>
            {
                timedOut = expired();
                var record = page.source.ToJson(row);
                if (!timedOut && Matches(record))
                    matching.Add(record);
                return ValueTask.FromResult(!timedOut);
            }, ct);
            if (timedOut || expired())
                return TimedOut();
            matching = RecordSorter.Sort(matching, plan.MemoryOrder);
            sorting = false;
            var remaining = Math.Max(0, matching.Count - query.Offset);
            var take = query.MaxRecords is int max ? Math.Min(max, remaining) : remaining;
            for (var i = 0; i < take; i++)
            {
                if (expired())
                    return TimedOut();
                await WriteAsync(matching[query.Offset + i], ct);
                matching[query.Offset + i] = null!; // written: let it go
            }

            return (written, take < remaining ? query.Offset + take : null);
        }

        private bool Matches(JsonObject record)
        {
            foreach (var filter in plan.Residual)
            {
                if (!filter.Matches(record))
                    return false;
            }

            return true;
        }

        private ValueTask WriteAsync(T row, Action<Utf8JsonWriter, T, FieldSelection, bool> write, CancellationToken ct)
        {
            written++;
            if (!query.ReturnRecords)
                return ValueTask.CompletedTask;
            write(body.Writer, row, query.Fields, plain);
            return body.FlushIfDueAsync(ct);
        }

        private ValueTask WriteAsync(JsonObject record, CancellationToken ct)
        {
            written++;
            if (!query.ReturnRecords)
                return ValueTask.CompletedTask;
            query.Fields.WriteProjected(body.Writer, record, plain, root: false);
            return body.FlushIfDueAsync(ct);
        }
    }
}
