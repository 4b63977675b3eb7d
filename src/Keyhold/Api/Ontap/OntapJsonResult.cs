using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>Writes a JSON tree straight to the response pipe (one serialization, no intermediate string).</summary>
internal sealed class OntapJsonResult(JsonNode body, int status, string? location = null) : IResult, IStatusCodeHttpResult
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // an API, not HTML: keep hrefs and text readable
        SkipValidation = true,
    };

    public int? StatusCode => status;

    public JsonNode Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var plain = MediaTypes.WantsPlainJson(httpContext.Request);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = plain ? MediaTypes.Json : MediaTypes.HalJson;
        if (location is not null)
            response.Headers.Location = location;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
        {
            if (plain)
                PlainJsonWriter.Write(writer, body);
            else
                body.WriteTo(writer);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
