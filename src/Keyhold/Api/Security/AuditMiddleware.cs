using Keyhold.Security;

namespace Keyhold.Api.Security;

/// <summary>
/// Hands every authenticated change request (POST, PATCH, DELETE), and GETs when /api/security/audit says so, to the
/// <see cref="AuditLog"/> once its status is known,
/// as ONTAP's audit message (input with secrets removed, see <see cref="AuditInput"/>). Requests refused for lack of
/// credentials are not written here: <see cref="BasicAuthentication"/> counts them and the audit writer summarises them.
/// </summary>
public static class AuditMiddleware
{
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            await next(http);
            // GETs only when /api/security/audit has http on (ONTAP's -httpget), and only authenticated ones.
            if (HttpMethods.IsGet(method) && BasicAuthentication.Find(http) is { } reader
                && (await http.RequestServices.GetRequiredService<AuditSettingsStore>().GetAsync(http.RequestAborted)).Http)
            {
                Record(http, reader, log: false);
            }
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            if (BasicAuthentication.Find(http) is { } account)
            {
                Record(http, account, log: true);
            }
        }
    }

    private static void Record(HttpContext http, Account account, bool log)
    {
        var status = http.Response.StatusCode;
        var input = AuditInput.Of(http);
        http.RequestServices.GetRequiredService<AuditLog>().Record(new AuditEntry(
            http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), Caller.Http, BasicAuthentication.ClientAddress(http), account.Name, input,
            status < 400 ? AuditEntry.Success : AuditEntry.Error, account.SvmUuid is null ? AuditEntry.Cluster : AuditEntry.Svm,
            status < 400 ? null : $"HTTP {status}"));
        if (!log)
        {
            return;
        }
        http.RequestServices.GetRequiredService<ILogger<AuditLog>>().LogInformation("audit: {User} {Method} {Path} -> {Status}",
            account.Name, http.Request.Method, http.Request.Path.Value, status);
    }
}
