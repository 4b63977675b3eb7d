using System.Globalization;
using System.Text;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>The <c>self</c> and <c>next</c> hrefs of a collection response.</summary>
internal static class CollectionLinks
{
    /// <summary>The request path and query as received.</summary>
    public static string Self(HttpRequest request) =>
        (request.PathBase + request.Path).ToUriComponent() + request.QueryString.Value;

    /// <summary>The original query minus any old continuation, plus the new one: a client can GET it as is.</summary>
    public static string Next(HttpRequest request, int offset)
    {
        var href = new StringBuilder((request.PathBase + request.Path).ToUriComponent()).Append('?');
        foreach (var pair in (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            if (name != QueryParameters.Continuation)
                href.Append(pair).Append('&');
        }

        return href.Append(QueryParameters.Continuation).Append('=').Append(offset.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
