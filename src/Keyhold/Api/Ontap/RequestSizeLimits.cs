using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>
/// The request line and header limits, enforced in the pipeline so the refusal carries ONTAP's envelope. Kestrel
/// answers its own 414 and 431 with an empty body before any middleware runs, so its limits are set to a higher
/// ceiling (<see cref="KestrelTargetCeiling"/>, <see cref="KestrelHeadersCeiling"/>) and the limits clients meet are
/// the ones here. Past the ceiling Kestrel still refuses, bodiless: that bounds what a connection can make it buffer.
/// </summary>
public static class RequestSizeLimits
{
    /// <summary>Longest request target (path and query, as sent): Kestrel's default request line limit.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Largest total of header lines: Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public const int KestrelTargetCeiling = 64 * 1024;
    public const int KestrelHeadersCeiling = 128 * 1024;

    public static void Configure(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = KestrelTargetCeiling;
        limits.MaxRequestHeadersTotalSize = KestrelHeadersCeiling;
    }

    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > MaxTargetBytes)
            throw OntapErrors.UriTooLong.With(null, MaxTargetBytes);
        var headerBytes = 0;
        foreach (var (name, values) in http.Request.Headers)
        {
            // As Kestrel counts them: "name: value\r\n" per line.
            foreach (var value in values)
                headerBytes += name.Length + (value?.Length ?? 0) + 4;
        }
        if (headerBytes > MaxHeaderBytes)
            throw OntapErrors.HeadersTooLarge.With(null, MaxHeaderBytes);
        return next(http);
    }
}
