namespace Keyhold.Api.Ontap;

/// <summary>ONTAP content negotiation: hal+json unless the client asks for plain application/json.</summary>
internal static class MediaTypes
{
    public const string HalJson = "application/hal+json";
    public const string Json = "application/json";

    /// <summary>True when Accept names application/json and not application/hal+json (then only <c>_links.next</c> is sent).</summary>
    public static bool WantsPlainJson(HttpRequest request)
    {
        var plain = false;
        foreach (var header in request.Headers.Accept)
        {
            foreach (var range in (header ?? "").Split(','))
            {
                var semicolon = range.IndexOf(';', StringComparison.Ordinal);
                var type = (semicolon < 0 ? range : range[..semicolon]).Trim();
                if (type.Equals(HalJson, StringComparison.OrdinalIgnoreCase))
                    return false;
                plain |= type.Equals(Json, StringComparison.OrdinalIgnoreCase);
            }
        }

        return plain;
    }
}
