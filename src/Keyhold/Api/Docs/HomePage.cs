namespace Keyhold.Api.Docs;

/// <summary>What <c>/</c> answers: a small page that points at the documentation (a bare 404 told a new user nothing).</summary>
public static class HomePage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Keyhold</title></head>
        <body>
        <h1>Keyhold</h1>
        <p>A key management service with NetApp ONTAP's REST API for key managers, under <code>/api</code> (HTTP Basic authentication).</p>
        <ul>
        <li><a href="/docs/api">/docs/api</a>: the interactive API reference</li>
        <li><a href="/docs/api/openapi.json">/docs/api/openapi.json</a>: the OpenAPI 3.1 document</li>
        </ul>
        </body>
        </html>
        """;
}
