using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>Writes a JSON body straight to the response pipe (one serialization, no intermediate string).</summary>
internal abstract class OntapBodyResult(int status, string? location) : IResult, IStatusCodeHttpResult
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // an API, not HTML: keep hrefs and text readable
        SkipValidation = true,
    };

    public int? StatusCode => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var plain = MediaTypes.WantsPlainJson(httpContext.Request);
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = plain ? MediaTypes.Json : MediaTypes.HalJson;
        if (location is not null)
            response.Headers.Location = location;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions))
            WriteBody(writer, plain);

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>The body; <paramref name="plain"/> for <c>Accept: application/json</c> (see <see cref="PlainJsonWriter"/>).</summary>
    protected abstract void WriteBody(Utf8JsonWriter writer, bool plain);
}

/// <summary>A body given as a JSON tree.</summary>
internal sealed class OntapJsonResult(JsonNode body, int status, string? location = null) : OntapBodyResult(status, location)
{
    public JsonNode Body => body;

    protected override void WriteBody(Utf8JsonWriter writer, bool plain)
    {
        if (plain)
            PlainJsonWriter.Write(writer, body);
        else
            body.WriteTo(writer);
    }
}
