using Keyhold.Security;

namespace Keyhold.Api.Security;

/// <summary>Hands every change request (POST, PATCH, DELETE) to the <see cref="AuditLog"/> once its status is known.</summary>
public static class AuditMiddleware
{
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            await next(http);
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            var user = BasicAuthentication.Find(http)?.Name ?? "-";
            await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(user, method, http.Request.Path.Value ?? "", http.Response.StatusCode, CancellationToken.None);
        }
    }
}
