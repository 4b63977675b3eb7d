using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Security;
using Microsoft.Extensions.Options;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// Guards /metrics as <see cref="MetricsOptions.Access"/> says. Credentials are checked exactly as on /api (same
/// Basic handling, same failed-login count); refusals come in ONTAP's error envelope.
/// </summary>
public static class MetricsAccess
{
    public const string Path = "/metrics";

    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        var access = http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.Access;
        if (access == MetricsOptions.Anonymous)
        {
            return next(http);
        }
        return BasicAuthentication.Middleware(http, authenticated =>
        {
            if (access == MetricsOptions.Admin && BasicAuthentication.Current(authenticated).Role != Account.Admin)
            {
                throw new OntapException(OntapErrors.Forbidden);
            }
            return next(authenticated);
        });
    }
}
