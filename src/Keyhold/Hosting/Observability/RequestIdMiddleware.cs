using System.Globalization;
using System.Security.Cryptography;
using Keyhold.Api.Ontap;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// Gives every request an ID: a sane incoming X-Request-Id (so a caller can follow its own ID through), else a new one.
/// It is returned in the X-Request-Id header and opens a logging scope, so every line logged inside the request names
/// it. Failed requests are logged with their status and ONTAP error code (changes are logged by the audit already);
/// never bodies or query strings, which can carry secrets. Refused credentials (401) are counted in the metrics, not logged one by one.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> log)
{
    public const string Header = "X-Request-Id";

    private const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext http)
    {
        var id = Accept(http.Request.Headers[Header].ToString()) ?? NewId();
        http.TraceIdentifier = id;
        // On starting, not now: the error envelope clears the response's headers before it writes.
        http.Response.OnStarting(SendId, http);
        using (log.BeginScope(new RequestScope(id)))
        {
            await next(http);
            Record(http);
        }
    }

    private void Record(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "";
        // Refused logins (401, and 429 past the login budget) are counted by the audit, never logged one by one.
        if (status >= 400 && status is not StatusCodes.Status401Unauthorized and not StatusCodes.Status429TooManyRequests)
        {
            var code = http.Items[OntapErrorEnvelope.CodeItem] as string ?? "-";
            log.LogInformation("{Method} {Path} failed with {Status}, error code {ErrorCode}", method, path, status, code);
        }
    }

    /// <summary>An incoming ID is kept only when short and made of safe characters; anything else is replaced.</summary>
    public static string? Accept(string? incoming)
    {
        if (string.IsNullOrEmpty(incoming) || incoming.Length > MaxLength)
        {
            return null;
        }
        foreach (var c in incoming)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return null;
            }
        }
        return incoming;
    }

    private static readonly Func<object, Task> SendId = static state =>
    {
        var http = (HttpContext)state;
        http.Response.Headers[Header] = http.TraceIdentifier;
        return Task.CompletedTask;
    };

    /// <summary>
    /// IDs count up from a random start, so they are unique in this process and unlikely to meet another node's; they
    /// need not be unpredictable (a caller may choose its own), and a random draw per request cost more than the rest of
    /// this middleware (docs/scaling.md, the per-request floor). Same shape as before: 16 lower-case hex digits.
    /// </summary>
    private static long next = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    private static string NewId() => ((ulong)Interlocked.Increment(ref next)).ToString("x16", CultureInfo.InvariantCulture);
}
