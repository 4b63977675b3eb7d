using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;

using Keyhold.Security;

namespace Keyhold.Api.Security;

/// <summary>
/// HTTP Basic on every /api call. Verifying PBKDF2 costs ~100 ms, so a verified credential is
/// remembered as an HMAC under a per-process key (never the password itself) and later requests
/// compare in constant time.
/// </summary>
public sealed class BasicAuthentication(AccountRepository accounts)
{
    private readonly byte[] cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (Account Account, byte[] Mac)> verified = new();

    public const string AccountItem = "keyhold.account";

    public async Task<Account?> AuthenticateAsync(string? header, CancellationToken ct)
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
        if (colon <= 0)
        {
            return null;
        }
        var (name, password) = (decoded[..colon], decoded[(colon + 1)..]);
        var mac = HMACSHA256.HashData(cacheKey, Encoding.UTF8.GetBytes(decoded));
        if (verified.TryGetValue(name, out var hit) && CryptographicOperations.FixedTimeEquals(hit.Mac, mac))
        {
            return hit.Account;
        }
        var found = await accounts.FindAsync(name, ct);
        if (found is not { } row || !PasswordHash.Verify(password, row.Hash))
        {
            return null;
        }
        verified[name] = (row.Account, mac);
        return row.Account;
    }

    public void Forget(string name) => verified.TryRemove(name, out _);

    public static Account Current(HttpContext http) => (Account)http.Items[AccountItem]!;

    /// <summary>Middleware: 401 with a challenge unless authenticated; 403 for writes by readonly accounts.</summary>
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        var auth = http.RequestServices.GetRequiredService<BasicAuthentication>();
        var account = await auth.AuthenticateAsync(http.Request.Headers.Authorization, http.RequestAborted);
        if (account is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"keyhold\"";
            await OntapErrorEnvelope.Write(http, new OntapException(OntapErrors.Unauthorized));
            return;
        }
        if (!account.MayWrite && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            throw new OntapException(OntapErrors.Forbidden);
        }
        http.Items[AccountItem] = account;
        await next(http);
    }
}
