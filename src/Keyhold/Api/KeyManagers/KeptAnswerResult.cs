using Keyhold.Api.Ontap;

namespace Keyhold.Api.KeyManagers;

/// <summary>200 with a kept answer's bytes (<see cref="KeyManagerAnswers"/>): the headers and body the record's own writer sends.</summary>
public sealed class KeptAnswerResult(KeyManagerAnswers.Answer answer, bool plain) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = plain ? MediaTypes.Json : MediaTypes.HalJson;
        response.ContentLength = answer.Body.Length;
        // Headers and body in one write and one flush, as OntapBodyResult sends a body that fits its buffer.
        await response.BodyWriter.WriteAsync(answer.Body, httpContext.RequestAborted);
    }
}
