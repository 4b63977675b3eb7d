using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Security;

/// <summary>
/// Checks an account's password. Verifying PBKDF2 costs ~100 ms, so a verified credential is remembered as an HMAC
/// under a per-process key (never the password itself) and later checks compare in constant time.
/// </summary>
public sealed class Authenticator(AccountRepository accounts, SecurityMetrics? metrics = null, LoginPolicy? policy = null)
{
    private readonly byte[] cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (Account Account, byte[] Mac)> verified = new();

    /// <summary>The account, or null when the name is unknown, the password wrong or the account locked.</summary>
    public async Task<Account?> AuthenticateAsync(string name, string password, CancellationToken ct)
    {
        var mac = HMACSHA256.HashData(cacheKey, Encoding.UTF8.GetBytes(name + ":" + password));
        if (verified.TryGetValue(name, out var hit) && CryptographicOperations.FixedTimeEquals(hit.Mac, mac))
        {
            return hit.Account;
        }
        var found = await accounts.FindLoginAsync(name, ct);
        // The login policy: a locked account (or one without a password login) is refused before its hash is computed.
        if (found is null || !found.AllowsPassword || policy?.IsLocked(found) == true || !PasswordHash.Verify(password, found.Hash))
        {
            metrics?.LoginFailed();
            if (found is { AllowsPassword: true } && policy is not null && !policy.IsLocked(found))
            {
                if (await policy.FailedAsync(name, ct))
                {
                    Forget(name);
                }
            }
            return null;
        }
        if (policy is not null)
        {
            await policy.SucceededAsync(found, ct);
        }
        verified[name] = (found.Account, mac);
        return found.Account;
    }

    /// <summary>Drops a remembered credential (after its password, role or lock changed, or it was deleted).</summary>
    public void Forget(string name) => verified.TryRemove(name, out _);
}
