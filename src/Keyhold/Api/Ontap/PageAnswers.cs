using System.Collections.Concurrent;

using Keyhold.Api.Security;
using Keyhold.Storage;

namespace Keyhold.Api.Ontap;

/// <summary>
/// Whole collection pages, kept per request shape with the store's change stamp read before the page was read
/// (<see cref="IStore.ChangeStampAsync"/>): while the stamp stays the same nothing was committed to the store since, by
/// any node, door or hand, so the same request gets the same bytes after one read of the stamp instead of reading and
/// writing 100 rows again (a polled first page; docs/scaling.md, "Kept pages"). A store without a stamp (PostgreSQL)
/// keeps nothing here and every page reads as before, row bytes included (<see cref="RowBytes{T}"/>).
/// <para>
/// A shape is every input of the body: the path and query string as sent (<c>fields</c>, filters, <c>order_by</c>,
/// <c>max_records</c>, the continuation, and so the <c>self</c> and <c>next</c> links), plain or HAL JSON, and the
/// caller's role and SVM (an SVM administrator's pages are narrowed to its SVM). The ONTAP release is the process's, and
/// so is this object. Authentication, the role check, the audit and the stranger limits run before the handler as for
/// any request, and the query is parsed before the lookup, so a bad query is refused as always.
/// </para>
/// Only complete pages are kept (not cut by <c>return_timeout</c>, not larger than the response buffer), and only for
/// collections whose records are made from stored rows alone.
/// </summary>
public sealed class PageAnswers(IStore store)
{
    /// <summary>Most bytes kept in all: past it everything is dropped and kept again as it is asked for.</summary>
    internal const long MaxTotalBytes = 8 << 20;

    /// <summary>Most pages kept (shapes clients poll are few; a crawler's every offset would only churn).</summary>
    private const int MaxPages = 64;

    private readonly ConcurrentDictionary<Shape, Page> pages = new();
    private long total;
    private long hits;

    /// <summary>Pages answered from kept bytes (tests).</summary>
    internal long Hits => Interlocked.Read(ref hits);

    /// <summary>Everything a page's bytes depend on besides the store.</summary>
    public readonly record struct Shape(string Path, string Query, bool Plain, string? Role, Guid? Svm)
    {
        public static Shape Of(HttpContext http, bool plain)
        {
            var request = http.Request;
            var account = BasicAuthentication.Find(http);
            return new Shape(request.PathBase.Value + request.Path.Value, request.QueryString.Value ?? "", plain, account?.Role, account?.SvmUuid);
        }
    }

    /// <summary>A kept body and the stamp read before the read that made it.</summary>
    public sealed record Page(long Stamp, byte[] Body);

    /// <summary>
    /// The kept page for <paramref name="shape"/> while nothing was committed since it was read, else null; and the stamp
    /// read now, to keep the page about to be read under (null: this store keeps none).
    /// </summary>
    public async ValueTask<(Page? Kept, long? Stamp)> FindAsync(Shape shape, CancellationToken ct)
    {
        if (await store.ChangeStampAsync(ct) is not { } stamp)
        {
            return (null, null);
        }
        if (pages.TryGetValue(shape, out var page) && page.Stamp == stamp)
        {
            Interlocked.Increment(ref hits);
            return (page, stamp);
        }
        return (null, stamp);
    }

    /// <summary>
    /// Keeps <paramref name="body"/>, read after <paramref name="stamp"/> was: it is at least as new as the stamp, and the
    /// stamp stays only while nothing newer was committed, so it is served only while it is exactly the store's answer.
    /// </summary>
    public void Keep(Shape shape, long stamp, ReadOnlySpan<byte> body)
    {
        if (pages.Count >= MaxPages || Interlocked.Add(ref total, body.Length) > MaxTotalBytes)
        {
            pages.Clear();
            Interlocked.Exchange(ref total, body.Length);
        }
        pages[shape] = new Page(stamp, body.ToArray());
    }
}
