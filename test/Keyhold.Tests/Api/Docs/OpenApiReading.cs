using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Keyhold.Tests.Api.Docs;

/// <summary>Reads a served document with Microsoft.OpenApi, an implementation that is not the one that wrote it.</summary>
internal static class OpenApiReading
{
    public static async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic, JsonObject Json)> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/docs/api/openapi.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var read = OpenApiDocument.Parse(text, "json");
        Assert.NotNull(read.Document);
        return (read.Document!, read.Diagnostic!, JsonNode.Parse(text)!.AsObject());
    }

    public static HttpMethod Method(string method) => HttpMethod.Parse(method);
}
