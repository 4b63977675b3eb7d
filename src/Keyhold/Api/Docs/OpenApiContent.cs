using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>The media types the resources answer with: HAL (the default, with <c>_links</c>) and plain JSON.</summary>
public static class OpenApiContent
{
    public static JsonObject Json(JsonObject schema) => new()
    {
        [MediaTypes.HalJson] = new JsonObject { ["schema"] = schema },
        [MediaTypes.Json] = new JsonObject { ["schema"] = schema.DeepClone() },
    };
}
