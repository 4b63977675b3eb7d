using System.Text;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;

using Keyhold.Security;

namespace Keyhold.Api.Security;

/// <summary>HTTP Basic on every /api call: the header is read here, the credential checked by <see cref="Authenticator"/>.</summary>
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

    /// <summary>Middleware: 401 with a challenge unless authenticated; 403 for what the account's role may not reach.</summary>
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        var account = Credentials(http.Request.Headers.Authorization) is { } credentials
            ? await http.RequestServices.GetRequiredService<Authenticator>().AuthenticateAsync(credentials.Name, credentials.Password, http.RequestAborted)
            : null;
        if (account is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"keyhold\"";
            await OntapErrorEnvelope.Write(http, new OntapException(OntapErrors.Unauthorized));
            return;
        }
        // What the role may reach (readers never write; SVM accounts only where their SVM is honoured) is decided in SvmScope.
        if (!SvmScope.Allows(account, http.GetEndpoint(), http.Request.Method))
        {
            http.Items[AccountItem] = account; // the audit records who was refused
            throw new OntapException(OntapErrors.Forbidden);
        }
        http.Items[AccountItem] = account;
        await next(http);
    }
}
