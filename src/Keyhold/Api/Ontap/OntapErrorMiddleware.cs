using System.Text.Json;

using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Api.Ontap;

/// <summary>Turns exceptions into ONTAP error envelopes. Never sends or logs exception messages: they could hold secrets.</summary>
internal sealed class OntapErrorMiddleware(RequestDelegate next, ILogger<OntapErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (OntapException error)
        {
            await WriteAsync(http, error);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own body limit, hit by a route that reads the body without OntapBody's smaller cap.
            var limit = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            await WriteAsync(http, OntapErrors.BodyTooLarge.With(null, limit ?? OntapBody.MaxBodyBytes));
        }
        catch (Exception error) when (error is BadHttpRequestException or JsonException)
        {
            await WriteAsync(http, OntapErrors.InvalidJson.With());
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody to answer.
        }
        catch (Exception error) when (StoreFault.Of(error) is { } fault)
        {
            // An outage or a full disk is the store's state, not a bug: one warning line, and "retry later".
            logger.LogWarning("Store {Fault} ({ExceptionType}) on {Method} {Path}", fault, error.GetType().Name, http.Request.Method, http.Request.Path.Value);
            await WriteAsync(http, fault == StoreFaultKind.Full ? OntapErrors.StoreFull.With() : OntapErrors.StoreUnavailable.With());
        }
        catch (Exception error)
        {
            logger.LogError("Unhandled {ExceptionType} on {Method} {Path}\n{StackTrace}",
                error.GetType().FullName, http.Request.Method, http.Request.Path.Value, error.StackTrace);
            await WriteAsync(http, OntapErrors.InternalError.With());
        }
    }

    private static async Task WriteAsync(HttpContext http, OntapException error)
    {
        if (http.Response.HasStarted)
        {
            http.Abort(); // half a body cannot be turned into an error any more
            return;
        }

        http.Response.Clear();
        await OntapErrorEnvelope.Write(http, error);
    }
}
