using Keyhold.Api.Docs;
using Keyhold.Api.Ontap;
using Scalar.AspNetCore;

namespace Keyhold.Api;

/// <summary>
/// /docs/api (Scalar's reference page, its assets served from the package, never a CDN), /docs/api/openapi.json
/// and the home page. None of them needs authentication: they describe the API and hold no secret.
/// </summary>
public static class DocsApi
{
    public const string Page = "/docs/api";
    public const string Document = "/docs/api/openapi.json";

    public static IEndpointRouteBuilder MapDocs(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Document, (HttpContext http) =>
        {
            var endpoints = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints;
            // The release this cluster is: an endpoint or field it lacks is not in its API, so not in its document.
            return TypedResults.Text(OpenApiBuilder.Build(endpoints, SchemaCatalog.Default, ClusterRelease.Of(http)).ToJsonString(), "application/json");
        });
        routes.MapScalarApiReference(Page, options => options
            .WithTitle("Keyhold API")
            .WithOpenApiRoutePattern(Document)
            // Offline hosts: no web fonts from Scalar's CDN, no telemetry calls.
            .DisableDefaultFonts()
            .DisableTelemetry());
        routes.MapGet("/", () => TypedResults.Content(HomePage.Html, "text/html; charset=utf-8"));
        return routes;
    }
}
