using System.Text;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;

using Keyhold.Security;

namespace Keyhold.Api.Security;

/// <summary>
/// Authentication on every /api call: a client certificate presented at TLS (<see cref="CertificateLogin"/>) when there is
/// no Authorization header, else HTTP Basic, the credential checked by <see cref="Authenticator"/>. Refusals are counted
/// (<see cref="AuditLog.CountRefused"/>), never written or logged one by one.
/// </summary>
public static class BasicAuthentication
{
    public const string AccountItem = "keyhold.account";

    /// <summary>The name and password of a <c>Basic</c> Authorization header, or null when it is absent or malformed.</summary>
    public static (string Name, string Password)? Credentials(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
    }

    /// <summary>The authenticated account of this request (set by <see cref="Middleware"/>).</summary>
    public static Account Current(HttpContext http) => (Account)http.Items[AccountItem]!;

    /// <summary>The authenticated account of this request, or null before authentication or when it failed.</summary>
    public static Account? Find(HttpContext http) => http.Items[AccountItem] as Account;

    /// <summary>The client's address as the limiter and the audit see it ("-" in-process, where there is none).</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? LoginLimiter.NoAddress;

    /// <summary>Middleware: 401 with a challenge unless authenticated (429 when over the login budget); 403 for what the account's role may not reach.</summary>
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        Account? account;
        try
        {
            account = await AuthenticateAsync(http);
        }
        catch (OntapException e) when (e.Error == OntapErrors.LoginThrottled)
        {
            http.RequestServices.GetRequiredService<AuditLog>().CountRefused();
            http.Response.Headers.RetryAfter = "1";
            throw;
        }
        if (account is null)
        {
            http.RequestServices.GetRequiredService<AuditLog>().CountRefused();
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"keyhold\"";
            await OntapErrorEnvelope.Write(http, new OntapException(OntapErrors.Unauthorized));
            return;
        }
        http.Items[AccountItem] = account; // the audit records who was refused, too
        Caller.Use(new Caller(account.Name, ClientAddress(http), Caller.Http));
        // What the role may reach (readers never write; SVM accounts only where their SVM is honoured) is decided in SvmScope.
        if (!SvmScope.Allows(account, http.GetEndpoint(), http.Request.Method))
        {
            throw new OntapException(OntapErrors.Forbidden);
        }
        await next(http);
    }

    private static async Task<Account?> AuthenticateAsync(HttpContext http)
    {
        if (Credentials(http.Request.Headers.Authorization) is { } credentials)
        {
            return await http.RequestServices.GetRequiredService<Authenticator>()
                .AuthenticateAsync(credentials.Name, credentials.Password, ClientAddress(http), http.RequestAborted);
        }
        return http.Connection.ClientCertificate is { } certificate
            ? await http.RequestServices.GetRequiredService<CertificateLogin>().AuthenticateAsync(certificate, http.RequestAborted)
            : null;
    }
}
