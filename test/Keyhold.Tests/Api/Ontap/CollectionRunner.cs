using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>Runs collection GETs against a <see cref="WidgetStore"/> and follows next links like a client.</summary>
internal static class CollectionRunner
{
    public static async Task<OntapTestHttp.Response> GetAsync(WidgetStore store, string pathAndQuery, string? accept = null)
    {
        var context = OntapTestHttp.Context(pathAndQuery, accept);
        var result = await OntapCollection.GetAsync(context, Widgets.Schema, store.FetchAsync);
        return await OntapTestHttp.ExecuteAsync(result, context);
    }

    /// <summary>Follows <c>_links.next.href</c> until it is absent; returns every page.</summary>
    public static async Task<List<JsonObject>> GetAllPagesAsync(WidgetStore store, string pathAndQuery)
    {
        var pages = new List<JsonObject>();
        for (string? href = pathAndQuery; href is not null;)
        {
            Assert.StartsWith("/api/", href, StringComparison.Ordinal);
            var page = (await GetAsync(store, href)).Object;
            pages.Add(page);
            href = (string?)page["_links"]!["next"]?["href"];
            Assert.True(pages.Count < 1000, "next links never end");
        }

        return pages;
    }

    public static List<string> Uuids(IEnumerable<JsonObject> pages) =>
        [.. pages.SelectMany(p => p["records"]!.AsArray()).Select(r => (string)r!["uuid"]!)];
}
